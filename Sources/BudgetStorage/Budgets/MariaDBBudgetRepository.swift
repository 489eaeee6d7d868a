public import BudgetCore
public import Foundation
public import MariaDB

/// Budgets with their rules, recipients and service selections.
///
/// Reads never include soft-deleted budgets and are always scoped to one organization, so another
/// tenant's budget is indistinguishable from one that does not exist. A list of any length costs
/// four queries. Writes run inside the caller's transaction (see `BudgetService`).
public struct MariaDBBudgetRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// The organization's live budgets, by name; optionally those of one connection.
    public func list(organizationId: UUID, connectionId: UUID? = nil) throws -> [Budget] {
        let filter: SQLQuery = connectionId.map { "AND b.csp_connection_id = \($0)" } ?? ""
        let rows = try connection.query("""
            \(Self.select) WHERE b.organization_id = \(organizationId) AND b.deleted_at IS NULL \(filter) ORDER BY b.name, b.id
            """)
        return try assemble(rows)
    }

    /// One live budget of the organization.
    /// - Parameter lock: `SELECT … FOR UPDATE`, inside a transaction, before changing it.
    public func find(_ id: UUID, organizationId: UUID, lock: Bool = false) throws -> Budget? {
        let suffix: SQLQuery = lock ? " FOR UPDATE" : ""
        let rows = try connection.query("""
            \(Self.select) WHERE b.id = \(id) AND b.organization_id = \(organizationId) AND b.deleted_at IS NULL\(suffix)
            """)
        return try assemble(rows).first
    }

    static let select = SQLQuery(sql: """
        SELECT b.id, b.organization_id, o.name AS organization_name, b.csp_connection_id, c.name AS connection_name,
               c.currency, b.name, b.amount, b.time_range, b.renewal_type, b.budget_type, b.start_month,
               b.created_at, b.updated_at, b.created_by, b.updated_by, b.version
        FROM t_budgets b
        JOIN organizations o ON o.id = b.organization_id
        JOIN csp_connections c ON c.id = b.csp_connection_id
        """)

    /// Budget rows plus their relations, fetched for all ids at once.
    private func assemble(_ rows: [Row]) throws -> [Budget] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.uuid("id") }
        var rules: [UUID: [ThresholdRule]] = [:]
        for row in try connection.query("""
            SELECT id, budget_id, percentage, amount, trigger_type, basis FROM t_budget_threshold_rules
            WHERE budget_id IN (\(list: ids)) ORDER BY budget_id, position
            """) {
            rules[try row.uuid("budget_id"), default: []].append(ThresholdRule(
                id: try row.uuid("id"), percentage: try row.money("percentage"), amount: try row.money("amount"),
                triggerType: try row.enumeration("trigger_type", as: TriggerType.self),
                basis: try row.enumeration("basis", as: ThresholdRule.Basis.self)))
        }
        var recipients: [UUID: [AlertRecipient]] = [:]
        for row in try connection.query("""
            SELECT id, budget_id, email FROM t_budget_alerts_recipients WHERE budget_id IN (\(list: ids)) ORDER BY budget_id, position
            """) {
            recipients[try row.uuid("budget_id"), default: []].append(AlertRecipient(id: try row.uuid("id"), email: try row.text("email")))
        }
        var services: [UUID: [SelectedService]] = [:]
        for row in try connection.query("""
            SELECT s.budget_id, s.service_id, s.selected, c.service_name FROM t_budget_services_selection s
            JOIN csp_services c ON c.id = s.service_id WHERE s.budget_id IN (\(list: ids)) ORDER BY s.budget_id, c.service_name
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
                selectedServices: services[id] ?? [], thresholdRules: rules[id] ?? [], alertRecipients: recipients[id] ?? [],
                createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"),
                createdBy: row.optionalUUID("created_by"), updatedBy: row.optionalUUID("updated_by"),
                version: try row.required("version") { Int($0) })
        }
    }
}
