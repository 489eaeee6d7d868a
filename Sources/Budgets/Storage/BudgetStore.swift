import CostData
import Foundation
import Kernel
import MariaDB
import Persistence

/// Budgets with their rules, recipients, service selections and tag filters.
///
/// Reads never include soft-deleted budgets and are always scoped to one organization, so another
/// tenant's budget is indistinguishable from one that does not exist. A request's list of any length
/// costs one query; the evaluator's pass over every budget five. Writes run inside the caller's transaction (see `BudgetService`).
enum BudgetStore {
    /// The organization's live budgets, by name; optionally those of one connection.
    static func list(organizationId: UUID, connectionId: UUID? = nil, in db: any SQLReading) throws -> [Budget] {
        let connectionFilter: SQLQuery = connectionId.map { " AND b.csp_connection_id = \($0)" } ?? ""
        return try load(where: "b.organization_id = \(organizationId) AND b.deleted_at IS NULL\(connectionFilter)", in: db).map(\.budget)
    }

    /// `list`, each budget with when the evaluator last checked it (the same query).
    static func listEvaluated(organizationId: UUID, connectionId: UUID? = nil, in db: any SQLReading) throws
        -> [(budget: Budget, lastEvaluatedAt: Date?)] {
        let connectionFilter: SQLQuery = connectionId.map { " AND b.csp_connection_id = \($0)" } ?? ""
        return try load(where: "b.organization_id = \(organizationId) AND b.deleted_at IS NULL\(connectionFilter)", in: db)
    }

    /// One live budget of the organization.
    /// - Parameter lock: `SELECT … FOR UPDATE`, inside a transaction, before changing it.
    static func find(_ id: UUID, organizationId: UUID, lock: Bool = false, in db: any SQLReading) throws -> Budget? {
        try findEvaluated(id, organizationId: organizationId, lock: lock, in: db)?.budget
    }

    /// `find`, with when the evaluator last checked the budget (the same query).
    static func findEvaluated(_ id: UUID, organizationId: UUID, lock: Bool = false, in db: any SQLReading) throws
        -> (budget: Budget, lastEvaluatedAt: Date?)? {
        try load(where: "b.id = \(id) AND b.organization_id = \(organizationId) AND b.deleted_at IS NULL", lock: lock, in: db).first
    }

    /// The organization's budgets that were live on or after `date`: the live ones and those deleted
    /// since (a report of a month counts a budget deleted during it).
    static func list(organizationId: UUID, liveOnOrAfter date: Date, in db: any SQLReading) throws -> [Budget] {
        try load(where: "b.organization_id = \(organizationId) AND (b.deleted_at IS NULL OR b.deleted_at >= \(UTCTimestamp.sql(date)))", in: db)
            .map(\.budget)
    }

    /// One deleted budget of the organization (to restore it), locked when asked.
    static func findDeleted(_ id: UUID, organizationId: UUID, lock: Bool = false, in db: any SQLReading) throws -> Budget? {
        try load(where: "b.id = \(id) AND b.organization_id = \(organizationId) AND b.deleted_at IS NOT NULL", lock: lock, in: db).first?.budget
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
        return try load(where: "b.deleted_at IS NULL\(connectionFilter)\(budgetFilter)", orderBy: "b.id", relations: .queried, in: db)
            .map(\.budget)
    }

    /// How a load reads the budgets' rules, recipients, services and tag filters.
    private enum Relations {
        /// With each budget's row, as JSON arrays built by subqueries: one round trip, for the
        /// reads of a request (a budget read used to take four, one per relation).
        case inline
        /// In four more queries over the same scope, row by row: for the evaluator's pass over
        /// every budget, where four round trips are nothing and parsing 10,000 budgets' JSON is
        /// work the rows do not need (steady pass 2.46 s with JSON, 2.36 s without, one noisy run each).
        case queried
    }

    /// Budgets matching `scope` (a condition on `b`, written by this type) with their relations,
    /// in one query (`.inline`) or five (`.queried`) whatever the number of budgets. Rules and
    /// recipients are put in order here, not by the server, when queried: sorting 40,000 rules
    /// there cost the evaluator a tenth of its pass.
    /// - Returns: each budget, with when the evaluator last checked it.
    private static func load(where scope: SQLQuery, orderBy order: SQLQuery = "b.name, b.id", lock: Bool = false,
                             relations: Relations = .inline, in db: any SQLReading) throws -> [(budget: Budget, lastEvaluatedAt: Date?)] {
        let suffix: SQLQuery = lock ? " FOR UPDATE" : ""
        switch relations {
        case .inline:
            return try db.query("\(selectWithRelations) WHERE \(scope) ORDER BY \(order)\(suffix)").map { row in
                let relations = try BudgetRelationsJSON(row: row)
                return (try budget(row, rules: relations.rules, recipients: relations.recipients, services: relations.services,
                                   tagFilters: relations.tagFilters),
                        row["last_evaluated_at"].flatMap(UTCTimestamp.parse))
            }
        case .queried:
            let rows = try db.query("\(select) WHERE \(scope) ORDER BY \(order)\(suffix)")
            guard !rows.isEmpty else { return [] }
            let queried = try QueriedRelations(scope: scope, in: db)
            return try rows.map { row in
                let id = try row.uuid("id")
                return (try budget(row, rules: queried.rules(of: id), recipients: queried.recipients(of: id), services: queried.services[id] ?? [],
                                   tagFilters: queried.tagFilters(of: id)),
                        row["last_evaluated_at"].flatMap(UTCTimestamp.parse))
            }
        }
    }

    private static func budget(_ row: Row, rules: [ThresholdRule], recipients: [AlertRecipient], services: [SelectedService],
                               tagFilters: [TagFilter]) throws -> Budget {
        Budget(
            id: try row.uuid("id"), organizationId: try row.uuid("organization_id"), organizationName: try row.text("organization_name"),
            cspConnectionId: try row.uuid("csp_connection_id"), cspConnectionName: try row.text("connection_name"),
            currency: try row.text("currency"), name: try row.text("name"),
            timeRange: try row.enumeration("time_range", as: TimeRange.self),
            renewalType: try row.enumeration("renewal_type", as: RenewalType.self),
            budgetType: try row.enumeration("budget_type", as: BudgetType.self),
            startMonth: try row.localDate("start_month"), amount: try row.money("amount"),
            selectedServices: services, thresholdRules: rules, alertRecipients: recipients,
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"),
            createdBy: row.optionalUUID("created_by"), updatedBy: row.optionalUUID("updated_by"),
            version: try row.required("version") { Int($0) }, deletedAt: row["deleted_at"].flatMap(UTCTimestamp.parse),
            tagFilters: tagFilters)
    }

    /// The relations of the budgets in a scope, read by four queries joined on it.
    private struct QueriedRelations {
        private var ruleRows: [UUID: [(position: Int, rule: ThresholdRule)]] = [:]
        private var recipientRows: [UUID: [(position: Int, recipient: AlertRecipient)]] = [:]
        private(set) var services: [UUID: [SelectedService]] = [:]
        private var filterRows: [UUID: [(position: Int, filter: TagFilter)]] = [:]

        init(scope: SQLQuery, in db: any SQLReading) throws {
            for row in try db.query("""
                SELECT r.id, r.budget_id, r.percentage, r.amount, r.trigger_type, r.basis, r.position FROM t_budget_threshold_rules r
                JOIN t_budgets b ON b.id = r.budget_id WHERE \(scope)
                """) {
                ruleRows[try row.uuid("budget_id"), default: []].append((row.int("position") ?? 0, ThresholdRule(
                    id: try row.uuid("id"), percentage: try row.money("percentage"), amount: try row.money("amount"),
                    triggerType: try row.enumeration("trigger_type", as: TriggerType.self),
                    basis: try row.enumeration("basis", as: ThresholdRule.Basis.self))))
            }
            for row in try db.query("""
                SELECT a.id, a.budget_id, a.email, a.position FROM t_budget_alerts_recipients a JOIN t_budgets b ON b.id = a.budget_id
                WHERE \(scope)
                """) {
                recipientRows[try row.uuid("budget_id"), default: []].append(
                    (row.int("position") ?? 0, AlertRecipient(id: try row.uuid("id"), email: try row.text("email"))))
            }
            for row in try db.query("""
                SELECT s.budget_id, s.service_id, s.selected, c.service_name FROM t_budget_services_selection s
                JOIN csp_services c ON c.id = s.service_id JOIN t_budgets b ON b.id = s.budget_id
                WHERE \(scope) ORDER BY s.budget_id, c.service_name, s.service_id
                """) {
                services[try row.uuid("budget_id"), default: []].append(SelectedService(
                    id: try row.uuid("service_id"), serviceName: try row.text("service_name"), selected: row.bool("selected") ?? true))
            }
            for row in try db.query("""
                SELECT f.budget_id, f.position, f.tag_key, f.tag_values FROM t_budget_tag_filters f JOIN t_budgets b ON b.id = f.budget_id
                WHERE \(scope)
                """) {
                filterRows[try row.uuid("budget_id"), default: []].append(
                    (row.int("position") ?? 0, try BudgetRelationsJSON.tagFilter(key: try row.text("tag_key"), values: try row.text("tag_values"))))
            }
        }

        func rules(of id: UUID) -> [ThresholdRule] { (ruleRows[id] ?? []).sorted { $0.position < $1.position }.map(\.rule) }
        func recipients(of id: UUID) -> [AlertRecipient] { (recipientRows[id] ?? []).sorted { $0.position < $1.position }.map(\.recipient) }
        func tagFilters(of id: UUID) -> [TagFilter] { (filterRows[id] ?? []).sorted { $0.position < $1.position }.map(\.filter) }
    }

    private static let columns = """
        b.id, b.organization_id, o.name AS organization_name, b.csp_connection_id, c.name AS connection_name,
               c.currency, b.name, b.amount, b.time_range, b.renewal_type, b.budget_type, b.start_month,
               b.created_at, b.updated_at, b.created_by, b.updated_by, b.version, b.deleted_at, e.last_evaluated_at
        """
    private static let tables = """
        FROM t_budgets b
        JOIN organizations o ON o.id = b.organization_id
        JOIN csp_connections c ON c.id = b.csp_connection_id
        LEFT JOIN budget_evaluations e ON e.budget_id = b.id
        """
    private static let select = SQLQuery(sql: "SELECT \(columns)\n\(tables)")
    private static let selectWithRelations = SQLQuery(sql: """
        SELECT \(columns),
               (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', CAST(r.id AS CHAR), 'percentage', CAST(r.percentage AS CHAR),
                                                 'amount', CAST(r.amount AS CHAR), 'triggerType', r.trigger_type, 'basis', r.basis)
                                     ORDER BY r.position, r.id)
                FROM t_budget_threshold_rules r WHERE r.budget_id = b.id) AS rules,
               (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', CAST(a.id AS CHAR), 'email', a.email) ORDER BY a.position, a.id)
                FROM t_budget_alerts_recipients a WHERE a.budget_id = b.id) AS recipients,
               (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', CAST(s.service_id AS CHAR), 'serviceName', v.service_name,
                                                 'selected', IF(s.selected, 'true', 'false'))
                                     ORDER BY v.service_name, s.service_id)
                FROM t_budget_services_selection s JOIN csp_services v ON v.id = s.service_id WHERE s.budget_id = b.id) AS services,
               (SELECT JSON_ARRAYAGG(JSON_OBJECT('key', f.tag_key, 'values', f.tag_values) ORDER BY f.position)
                FROM t_budget_tag_filters f WHERE f.budget_id = b.id) AS tag_filters
        \(tables)
        """)
}
