import Alerting
import BudgetCore
import BudgetStorage
import Foundation
import Logging
import MariaDB

/// A budget with what it has spent today: what the API returns and the pages show.
struct BudgetView {
    let budget: Budget
    let metrics: BudgetMetrics
    /// When the evaluator last checked its thresholds; `nil` before the first pass.
    let lastEvaluatedAt: Date?
}

/// The budget use cases, shared by the API and the pages: rules from `BudgetValidator`, tenancy
/// and roles from `Principal`, one transaction per change with its audit entry and event, and an
/// evaluation of its thresholds once the change is committed.
struct BudgetService {
    let connection: Connection
    let now: Date
    let validator: BudgetValidator
    let alerts: AlertTrigger
    let logger: Logger

    private var budgets: MariaDBBudgetRepository { MariaDBBudgetRepository(connection: connection) }
    private var today: LocalDate { LocalDate(now) }

    func list(for principal: Principal, connectionId: UUID? = nil) throws -> [BudgetView] {
        let organizationId = try principal.requireOrganization()
        return try views(of: budgets.list(organizationId: organizationId, connectionId: connectionId))
    }

    func get(_ id: UUID, for principal: Principal) throws -> BudgetView {
        let organizationId = try principal.requireOrganization()
        guard let budget = try budgets.find(id, organizationId: organizationId) else { throw DomainError.notFound("Budget") }
        return try views(of: [budget])[0]
    }

    /// - Parameter typeErrors: problems the caller found while reading the input (JSON types).
    func create(_ input: BudgetInput, typeErrors: [FieldError] = [], by principal: Principal) throws -> BudgetView {
        try principal.require(.editor, to: "create budgets")
        if let given = input.organizationId.flatMap(UUID.init(canonical:)) { try principal.requireOwn(organization: given) }
        let draft = try validator.validate(input, alreadyInvalid: typeErrors)
        let budget = try connection.transaction {
            try checkReferences(of: draft)
            let id = try budgets.insert(draft, by: principal.userId, at: now)
            guard let created = try budgets.find(id, organizationId: draft.organizationId) else { throw DomainError.notFound("Budget") }
            try BudgetChangeLog(connection: connection).record(.created, before: nil, after: created, actor: principal, at: now)
            return created
        }
        alerts.evaluate(.budget(budget.id), connection: connection, now: now, logger: logger)
        return try views(of: [budget])[0]
    }

    /// Applies the given fields; `expectedVersion` (from If-Match) must be the current version.
    func update(_ id: UUID, changes: BudgetInput, typeErrors: [FieldError] = [], expectedVersion: Int?, by principal: Principal) throws -> BudgetView {
        try principal.require(.editor, to: "change budgets")
        let organizationId = try principal.requireOrganization()
        if let given = changes.organizationId.flatMap(UUID.init(canonical:)) { try principal.requireOwn(organization: given) }
        let budget = try connection.transaction {
            guard let current = try budgets.find(id, organizationId: organizationId, lock: true) else { throw DomainError.notFound("Budget") }
            try requireVersion(expectedVersion, of: current)
            let draft = try validator.validate(changes: changes, to: current.draft, alreadyInvalid: typeErrors)
            try checkReferences(of: draft)
            try budgets.update(current, to: draft, by: principal.userId, at: now)
            guard let updated = try budgets.find(id, organizationId: organizationId) else { throw DomainError.notFound("Budget") }
            try BudgetChangeLog(connection: connection).record(.updated, before: current, after: updated, actor: principal, at: now)
            return updated
        }
        alerts.evaluate(.budget(budget.id), connection: connection, now: now, logger: logger)
        return try views(of: [budget])[0]
    }

    func delete(_ id: UUID, expectedVersion: Int?, by principal: Principal) throws {
        try principal.require(.editor, to: "delete budgets")
        let organizationId = try principal.requireOrganization()
        try connection.transaction {
            guard let current = try budgets.find(id, organizationId: organizationId, lock: true) else { throw DomainError.notFound("Budget") }
            try requireVersion(expectedVersion, of: current)
            try budgets.softDelete(current, by: principal.userId, at: now)
            try BudgetChangeLog(connection: connection).record(.deleted, before: current, after: nil, actor: principal, at: now)
        }
    }

    /// The budget's current period, bucket by bucket, with its forecast.
    func spendSeries(_ id: UUID, granularity: SpendSeries.Granularity, for principal: Principal) throws -> (BudgetView, SpendSeries) {
        let view = try get(id, for: principal)
        let period = view.metrics.period
        let byDay = try MariaDBSpendRepository(connection: connection).dailySpend(of: view.budget, in: period)
        return (view, SpendSeries(granularity: granularity, period: period, amount: view.budget.amount, spendByDay: byDay, today: today))
    }

    func history(_ id: UUID, for principal: Principal) throws -> [AuditEntry] {
        let organizationId = try principal.requireOrganization()
        return try MariaDBAuditLog(connection: connection).entries(budgetId: id, organizationId: organizationId)
    }

    // MARK: -

    private func views(of budgets: [Budget]) throws -> [BudgetView] {
        let spend = try MariaDBSpendRepository(connection: connection).spend(of: budgets, on: today)
        let evaluated = try MariaDBEvaluationStore(connection: connection).lastEvaluated(budgetIds: budgets.map(\.id))
        return budgets.map { budget in
            BudgetView(
                budget: budget,
                metrics: BudgetMetrics(
                    amount: budget.amount, rules: budget.thresholdRules, startMonth: budget.startMonth,
                    timeRange: budget.timeRange, spend: spend[budget.id] ?? .zero, today: today),
                lastEvaluatedAt: evaluated[budget.id])
        }
    }

    private func requireVersion(_ expected: Int?, of budget: Budget) throws {
        guard let expected, expected != budget.version else { return }
        throw HTTPError(.preconditionFailed, code: "precondition_failed",
                        "The budget was changed by someone else (it is at version \(budget.version), you sent \(expected)). Reload it and apply your change again.",
                        headers: [("ETag", BudgetService.etag(budget.version))])
    }

    /// The connection must be the organization's, and every selected service the connection's.
    /// Another tenant's ids read exactly like ids that do not exist.
    private func checkReferences(of draft: BudgetDraft) throws {
        guard try MariaDBConnectionRepository(connection: connection).find(draft.cspConnectionId, organizationId: draft.organizationId) != nil else {
            throw DomainError.invalid([FieldError("cspConnectionId", "is not a connection of your organization")])
        }
        guard !draft.selectedServiceIds.isEmpty else { return }
        let known = Set(try MariaDBConnectionRepository(connection: connection).services(connectionId: draft.cspConnectionId).map(\.id))
        let errors = draft.selectedServiceIds.enumerated().compactMap { i, id in
            known.contains(id) ? nil : FieldError("selectedServiceIds[\(i)]", "is not a service of this connection")
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
    }

    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` header names: `"3"`, `W/"3"` or `3`; `*` and absence mean any.
    static func expectedVersion(ifMatch header: String?) throws -> Int? {
        guard let header = header?.trimmingSpaces(), !header.isEmpty, header != "*" else { return nil }
        var tag = Substring(header)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 { tag = tag.dropFirst().dropLast() }
        guard let version = Int(tag) else {
            throw HTTPError(.badRequest, code: "bad_request", "If-Match must be the ETag of the budget, such as \"3\".")
        }
        return version
    }
}
