import CostData
public import Foundation
public import Kernel
public import Logging
public import MariaDB
import Notifications
import Persistence
import Tenancy

/// A budget with what it has spent today: what the API returns and the pages show.
public struct BudgetView: Sendable {
    public let budget: Budget
    public let metrics: BudgetMetrics
    /// When the evaluator last checked its thresholds; `nil` before the first pass.
    public let lastEvaluatedAt: Date?
}

/// The budget use cases, shared by the API and the pages: rules from `BudgetValidator`, tenancy
/// and roles from `Principal`, one transaction per change with its audit entry and event, and an
/// evaluation of its thresholds once the change is committed.
public struct BudgetService {
    let connection: Connection
    let now: Date
    let validator: BudgetValidator
    let alerts: AlertTrigger
    let logger: Logger

    public init(db: Connection, now: Date, validator: BudgetValidator, alerts: AlertTrigger, logger: Logger) {
        self.connection = db
        self.now = now
        self.validator = validator
        self.alerts = alerts
        self.logger = logger
    }
    private var today: LocalDate { LocalDate(now) }

    public func list(for principal: Principal, connectionId: UUID? = nil) throws -> [BudgetView] {
        let organizationId = try principal.requireOrganization()
        return try views(of: BudgetStore.listEvaluated(organizationId: organizationId, connectionId: connectionId, in: connection))
    }

    public func get(_ id: UUID, for principal: Principal) throws -> BudgetView {
        let organizationId = try principal.requireOrganization()
        guard let loaded = try BudgetStore.findEvaluated(id, organizationId: organizationId, in: connection) else {
            throw DomainError.notFound("Budget")
        }
        return try views(of: [loaded])[0]
    }

    /// - Parameter typeErrors: problems the caller found while reading the input (JSON types).
    public func create(_ input: BudgetInput, typeErrors: [FieldError] = [], by principal: Principal) throws -> BudgetView {
        try principal.require(.editor, to: "create budgets")
        if let given = input.organizationId.flatMap(UUID.init(canonical:)) { try principal.requireOwn(organization: given) }
        let organizationId = try principal.requireOrganization()
        let budget = try connection.transaction { tx in
            let connectionId = input.cspConnectionId.flatMap(UUID.init(canonical:))
            let references = try referenceErrors(connectionId: connectionId, serviceIds: input.selectedServiceIds, organizationId: organizationId,
                                                 in: tx)
            let draft = try validator.validate(input, alreadyInvalid: typeErrors + references)
            try requireChecked(draft, organizationId: organizationId, connectionId: connectionId)
            let id = try BudgetStore.insert(draft, by: principal.userId, at: now, in: tx)
            guard let created = try BudgetStore.find(id, organizationId: draft.organizationId, in: tx) else { throw DomainError.notFound("Budget") }
            try BudgetChangeLog.record(.created, before: nil, after: created, actor: principal, at: now, in: tx)
            return created
        }
        alerts.evaluate(.budget(budget.id), connection: connection, now: now, logger: logger)
        return try views(of: [budget])[0]
    }

    /// Applies the given fields if `expected` allows the current version.
    public func update(_ id: UUID, changes: BudgetInput, typeErrors: [FieldError] = [], expected: VersionPrecondition,
                       by principal: Principal) throws -> BudgetView {
        try principal.require(.editor, to: "change budgets")
        let organizationId = try principal.requireOrganization()
        if let given = changes.organizationId.flatMap(UUID.init(canonical:)) { try principal.requireOwn(organization: given) }
        let budget = try connection.transaction { tx in
            guard let current = try BudgetStore.find(id, organizationId: organizationId, lock: true, in: tx) else {
                throw DomainError.notFound("Budget")
            }
            try requireVersion(expected, of: current)
            let references = try referenceErrors(connectionId: current.cspConnectionId, serviceIds: changes.selectedServiceIds,
                                                 organizationId: organizationId, in: tx)
            let draft = try validator.validate(changes: changes, to: current.draft, alreadyInvalid: typeErrors + references)
            try requireChecked(draft, organizationId: organizationId, connectionId: current.cspConnectionId)
            try BudgetStore.update(current, to: draft, by: principal.userId, at: now, in: tx)
            guard let updated = try BudgetStore.find(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Budget") }
            try BudgetChangeLog.record(.updated, before: current, after: updated, actor: principal, at: now, in: tx)
            return updated
        }
        alerts.evaluate(.budget(budget.id), connection: connection, now: now, logger: logger)
        return try views(of: [budget])[0]
    }

    public func delete(_ id: UUID, expected: VersionPrecondition, by principal: Principal) throws {
        try principal.require(.editor, to: "delete budgets")
        let organizationId = try principal.requireOrganization()
        try connection.transaction { tx in
            guard let current = try BudgetStore.find(id, organizationId: organizationId, lock: true, in: tx) else {
                throw DomainError.notFound("Budget")
            }
            try requireVersion(expected, of: current)
            try BudgetStore.softDelete(current, by: principal.userId, at: now, in: tx)
            try Outbox.cancelEmails(ofBudget: current.id, in: tx)
            try BudgetChangeLog.record(.deleted, before: current, after: nil, actor: principal, at: now, in: tx)
        }
    }

    /// Brings a deleted budget back as it was (the undo of `delete`), under a new version, with its
    /// audit entry and event; its thresholds are evaluated again once it is committed.
    /// - Throws: `.notFound` unless it is a budget of the caller's organization, `.conflict` when it
    ///   is not deleted or a live budget of its connection has taken its name since.
    public func restore(_ id: UUID, by principal: Principal) throws -> BudgetView {
        try principal.require(.editor, to: "restore budgets")
        let organizationId = try principal.requireOrganization()
        let budget = try connection.transaction { tx in
            guard let deleted = try BudgetStore.findDeleted(id, organizationId: organizationId, lock: true, in: tx) else {
                guard try BudgetStore.find(id, organizationId: organizationId, in: tx) == nil else {
                    throw DomainError(.conflict, "This budget is not deleted; there is nothing to restore.")
                }
                throw DomainError.notFound("Budget")
            }
            try BudgetStore.restore(deleted, by: principal.userId, at: now, in: tx)
            guard let restored = try BudgetStore.find(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Budget") }
            try BudgetChangeLog.record(.restored, before: deleted, after: restored, actor: principal, at: now, in: tx)
            return restored
        }
        alerts.evaluate(.budget(budget.id), connection: connection, now: now, logger: logger)
        return try views(of: [budget])[0]
    }

    /// A deleted budget of the caller's organization, for the page that offers to undo its deletion.
    public func deleted(_ id: UUID, for principal: Principal) throws -> Budget? {
        try BudgetStore.findDeleted(id, organizationId: try principal.requireOrganization(), in: connection)
    }

    /// The budget's current period, bucket by bucket, with its forecast.
    public func spendSeries(_ id: UUID, granularity: SpendSeries.Granularity, for principal: Principal) throws -> (BudgetView, SpendSeries) {
        let view = try get(id, for: principal)
        let period = view.metrics.period
        let byDay = try SpendReader.dailySpend(connectionId: view.budget.cspConnectionId, serviceIds: view.budget.selectedServiceIds,
                                               tags: view.budget.tagSelection, in: period, db: connection)
        return (view, SpendSeries(granularity: granularity, period: period, amount: view.budget.amount, spendByDay: byDay, today: today))
    }

    /// The budget's current period and up to eleven before it, with their figures and which thresholds each reached.
    public func periods(_ id: UUID, for principal: Principal) throws -> (BudgetView, PeriodHistory) {
        let view = try get(id, for: principal)
        return (view, try periods(of: view))
    }

    /// The periods of a budget already read (for the page, which has it).
    public func periods(of view: BudgetView) throws -> PeriodHistory {
        let b = view.budget
        let periods = PeriodHistory.periods(startMonth: b.startMonth, timeRange: b.timeRange, today: today)
        var spend = MonthlySpend()
        if let oldest = periods.last, let newest = periods.first {
            spend = try BudgetSpend.monthly(of: b, from: oldest.start, to: newest.endExclusive, connection)
        }
        return PeriodHistory(amount: b.amount, rules: b.thresholdRules, startMonth: b.startMonth, timeRange: b.timeRange,
                             connectionId: b.cspConnectionId, serviceIds: b.selectedServiceIds, spend: spend, today: today)
    }

    /// When the budget's connection last had a charge: the page flags a stale connection (`ChargeFreshness`).
    public func newestCharge(of budget: Budget) throws -> Date? {
        try SpendReader.newestCharges(connectionIds: [budget.cspConnectionId], in: connection)[budget.cspConnectionId]
    }

    public func history(_ id: UUID, for principal: Principal) throws -> [AuditEntry] {
        let organizationId = try principal.requireOrganization()
        return try AuditLog.entries(budgetId: id, organizationId: organizationId, in: connection)
    }

    // MARK: -

    /// Views of budgets just written: when they were last evaluated is read now, after the
    /// evaluation their change triggered.
    private func views(of budgets: [Budget]) throws -> [BudgetView] {
        let evaluated = try EvaluationStore.lastEvaluated(budgetIds: budgets.map(\.id), in: connection)
        return try views(of: budgets.map { ($0, evaluated[$0.id]) })
    }

    /// Views of budgets read with their evaluation time: one more query, for the spend of all of them.
    private func views(of loaded: [(budget: Budget, lastEvaluatedAt: Date?)]) throws -> [BudgetView] {
        let spend = try BudgetSpend.figures(of: loaded.map(\.budget), on: today, connection)
        return loaded.map { budget, lastEvaluatedAt in
            BudgetView(
                budget: budget,
                metrics: BudgetMetrics(
                    amount: budget.amount, rules: budget.thresholdRules, startMonth: budget.startMonth,
                    timeRange: budget.timeRange, spend: spend[budget.id] ?? .zero, today: today),
                lastEvaluatedAt: lastEvaluatedAt)
        }
    }

    private func requireVersion(_ expected: VersionPrecondition, of budget: Budget) throws {
        guard !expected.allows(budget.version) else { return }
        throw DomainError(.preconditionFailed,
                          "The budget was changed by someone else (it is at version \(budget.version), you sent \(expected.sent)). "
                          + "Reload it and apply your change again.", currentVersion: budget.version)
    }

    /// The connection must be the organization's, and every selected service the connection's.
    /// Another tenant's ids read exactly like ids that do not exist. Checked before the validator
    /// runs and reported with its findings, so a client hears of every problem at once; ids that
    /// are not even UUIDs are left to the validator.
    private func referenceErrors(connectionId: UUID?, serviceIds: [String]?, organizationId: UUID, in tx: Transaction) throws -> [FieldError] {
        guard let connectionId else { return [] }
        guard try ConnectionDirectory.connection(connectionId, organizationId: organizationId, in: tx) != nil else {
            return [FieldError("cspConnectionId", "is not a connection of your organization")]
        }
        guard let serviceIds, !serviceIds.isEmpty else { return [] }
        let known = Set(try ConnectionDirectory.services(connectionId: connectionId, in: tx).map(\.id))
        return serviceIds.enumerated().compactMap { i, text in
            guard let id = UUID(canonical: text), !known.contains(id) else { return nil }
            return FieldError("selectedServiceIds[\(i)]", "is not a service of this connection")
        }
    }

    /// The last word before a write: the draft names the caller's organization and the connection
    /// `referenceErrors` checked. (Its services are that check's too: both read the same texts with
    /// `UUID(canonical:)`.) No query: a guard against the validator and the check ever reading an
    /// id differently, as trimming once made them do.
    private func requireChecked(_ draft: BudgetDraft, organizationId: UUID, connectionId: UUID?) throws {
        guard draft.organizationId == organizationId, draft.cspConnectionId == connectionId else {
            throw DomainError.forbidden("You may only work with your own organization.")
        }
    }
}
