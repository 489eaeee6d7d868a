import Foundation
import Kernel
import MariaDB
import Persistence

/// Budgets with their rules, recipients and service selections.
///
/// Reads never include soft-deleted budgets and are always scoped to one organization, so another
/// tenant's budget is indistinguishable from one that does not exist. A list of any length costs
/// four queries. Writes run inside the caller's transaction (see `BudgetService`).
enum BudgetStore {
    /// The organization's live budgets, by name; optionally those of one connection.
    static func list(organizationId: UUID, connectionId: UUID? = nil, in db: any SQLReading) throws -> [Budget] {
        let connectionFilter: SQLQuery = connectionId.map { " AND b.csp_connection_id = \($0)" } ?? ""
        return try load(where: "b.organization_id = \(organizationId) AND b.deleted_at IS NULL\(connectionFilter)", in: db)
    }

    /// One live budget of the organization.
    /// - Parameter lock: `SELECT … FOR UPDATE`, inside a transaction, before changing it.
    static func find(_ id: UUID, organizationId: UUID, lock: Bool = false, in db: any SQLReading) throws -> Budget? {
        try load(where: "b.id = \(id) AND b.organization_id = \(organizationId) AND b.deleted_at IS NULL", lock: lock, in: db).first
    }

    /// The organization's budgets that were live on or after `date`: the live ones and those deleted
    /// since (a report of a month counts a budget deleted during it).
    static func list(organizationId: UUID, liveOnOrAfter date: Date, in db: any SQLReading) throws -> [Budget] {
        try load(where: "b.organization_id = \(organizationId) AND (b.deleted_at IS NULL OR b.deleted_at >= \(UTCTimestamp.sql(date)))", in: db)
    }

    /// Locks a live budget's row until the end of the transaction and returns its version; `nil`
    /// once it is deleted. Writers of a budget take the same lock, so whoever holds it sees the
    /// budget as it is.
    static func lockVersion(_ id: UUID, in tx: Transaction) throws -> Int? {
        try tx.query("SELECT version FROM t_budgets WHERE id = \(id) AND deleted_at IS NULL FOR UPDATE").first?.int("version")
    }

    /// Every live budget of every organization, of one connection, or one budget: what the evaluator
    /// checks, in id order (the same in every evaluator, and a plain scan of the primary key).
    static func allLive(connectionId: UUID? = nil, budgetId: UUID? = nil, in db: any SQLReading) throws -> [Budget] {
        let connectionFilter: SQLQuery = connectionId.map { " AND b.csp_connection_id = \($0)" } ?? ""
        let budgetFilter: SQLQuery = budgetId.map { " AND b.id = \($0)" } ?? ""
        return try load(where: "b.deleted_at IS NULL\(connectionFilter)\(budgetFilter)", orderBy: "b.id", in: db)
    }

    /// Budgets matching `scope` (a condition on `b`, written by this type), with their relations:
    /// four queries whatever the number of budgets, each relation joined on the same scope. Rules
    /// and recipients are put in order here, not by the server: sorting 40,000 rules there cost
    /// the evaluator a tenth of its pass.
    private static func load(where scope: SQLQuery, orderBy order: SQLQuery = "b.name, b.id", lock: Bool = false,
                             in db: any SQLReading) throws -> [Budget] {
        let suffix: SQLQuery = lock ? " FOR UPDATE" : ""
        let rows = try db.query("\(select) WHERE \(scope) ORDER BY \(order)\(suffix)")
        guard !rows.isEmpty else { return [] }
        var rules: [UUID: [(position: Int, rule: ThresholdRule)]] = [:]
        for row in try db.query("""
            SELECT r.id, r.budget_id, r.percentage, r.amount, r.trigger_type, r.basis, r.position FROM t_budget_threshold_rules r
            JOIN t_budgets b ON b.id = r.budget_id WHERE \(scope)
            """) {
            rules[try row.uuid("budget_id"), default: []].append((row.int("position") ?? 0, ThresholdRule(
                id: try row.uuid("id"), percentage: try row.money("percentage"), amount: try row.money("amount"),
                triggerType: try row.enumeration("trigger_type", as: TriggerType.self),
                basis: try row.enumeration("basis", as: ThresholdRule.Basis.self))))
        }
        var recipients: [UUID: [(position: Int, recipient: AlertRecipient)]] = [:]
        for row in try db.query("""
            SELECT a.id, a.budget_id, a.email, a.position FROM t_budget_alerts_recipients a JOIN t_budgets b ON b.id = a.budget_id
            WHERE \(scope)
            """) {
            recipients[try row.uuid("budget_id"), default: []].append(
                (row.int("position") ?? 0, AlertRecipient(id: try row.uuid("id"), email: try row.text("email"))))
        }
        var services: [UUID: [SelectedService]] = [:]
        for row in try db.query("""
            SELECT s.budget_id, s.service_id, s.selected, c.service_name FROM t_budget_services_selection s
            JOIN csp_services c ON c.id = s.service_id JOIN t_budgets b ON b.id = s.budget_id
            WHERE \(scope) ORDER BY s.budget_id, c.service_name
            """) {
            services[try row.uuid("budget_id"), default: []].append(SelectedService(
                id: try row.uuid("service_id"), serviceName: try row.text("service_name"), selected: row.bool("selected") ?? true))
        }
        return try rows.map { row in
            let id = try row.uuid("id")
            return Budget(
                id: id, organizationId: try row.uuid("organization_id"), organizationName: try row.text("organization_name"),
                cspConnectionId: try row.uuid("csp_connection_id"), cspConnectionName: try row.text("connection_name"),
                currency: try row.text("currency"), name: try row.text("name"),
                timeRange: try row.enumeration("time_range", as: TimeRange.self),
                renewalType: try row.enumeration("renewal_type", as: RenewalType.self),
                budgetType: try row.enumeration("budget_type", as: BudgetType.self),
                startMonth: try row.localDate("start_month"), amount: try row.money("amount"),
                selectedServices: services[id] ?? [],
                thresholdRules: (rules[id] ?? []).sorted { $0.position < $1.position }.map(\.rule),
                alertRecipients: (recipients[id] ?? []).sorted { $0.position < $1.position }.map(\.recipient),
                createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"),
                createdBy: row.optionalUUID("created_by"), updatedBy: row.optionalUUID("updated_by"),
                version: try row.required("version") { Int($0) }, deletedAt: row["deleted_at"].flatMap(UTCTimestamp.parse))
        }
    }

    static let select = SQLQuery(sql: """
        SELECT b.id, b.organization_id, o.name AS organization_name, b.csp_connection_id, c.name AS connection_name,
               c.currency, b.name, b.amount, b.time_range, b.renewal_type, b.budget_type, b.start_month,
               b.created_at, b.updated_at, b.created_by, b.updated_by, b.version, b.deleted_at
        FROM t_budgets b
        JOIN organizations o ON o.id = b.organization_id
        JOIN csp_connections c ON c.id = b.csp_connection_id
        """)
}
