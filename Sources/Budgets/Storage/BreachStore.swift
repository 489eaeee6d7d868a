public import Foundation
public import Kernel
import MariaDB
import Persistence

/// A recorded breach, for the alert history.
public struct Breach: Sendable {
    public let id: Int64
    /// What the organization sees: its alerts count 1, 2, 3… (`OrganizationCounter`).
    public let number: Int64
    public let budgetId: UUID
    public let ruleId: UUID
    public let period: BudgetPeriod
    public let triggerType: TriggerType
    public let thresholdPercentage: Decimal
    public let thresholdAmount: Decimal
    public let figure: Decimal
    public let budgetAmount: Decimal
    public let currency: String
    public let breachedAt: Date
    public let clearedAt: Date?
}

/// A breach just written: its id links its messages and event; its number is what people see.
public struct RecordedBreach: Sendable, Equatable {
    public let id: Int64
    public let number: Int64
}

/// Threshold breaches: one active breach per (rule, period), arbitrated by a unique key.
enum BreachStore {
    /// The uncleared breaches of periods starting on or after `since`, each with the threshold
    /// amount it was recorded at; of `budgetIds` only when given.
    static func active(since: LocalDate, budgetIds: [UUID]? = nil, in db: any SQLReading) throws -> [BreachKey: Decimal] {
        var keys: [BreachKey: Decimal] = [:]
        let chunks: [[UUID]?] = budgetIds.map { ids in
            stride(from: 0, to: ids.count, by: 1000).map { Array(ids[$0..<min($0 + 1000, ids.count)]) }
        } ?? [nil]
        for chunk in chunks {
            let filter: SQLQuery = chunk.map { " AND budget_id IN (\(list: $0))" } ?? ""
            for row in try db.query("""
                SELECT rule_id, period_start, threshold_amount FROM budget_threshold_breaches
                WHERE cleared_at IS NULL AND period_start >= \(since)\(filter)
                """) {
                keys[BreachKey(ruleId: try row.uuid("rule_id"), periodStart: try row.localDate("period_start"))] = try row.money("threshold_amount")
            }
        }
        return keys
    }

    /// Records a breach unless this rule already has an active one in this period. Concurrent
    /// evaluators meet at the unique key: the second insert waits for the first to commit, then
    /// finds the duplicate and changes nothing. (Not `INSERT IGNORE`, which would also swallow
    /// every other error.)
    /// - Returns: the new breach's id and number, or `nil` when another evaluator recorded it first
    ///   (its number is then skipped: the organization's alert numbers may have gaps).
    static func record(budget: Budget, state: BudgetMetrics.RuleState, period: BudgetPeriod, at now: Date,
                       in tx: Transaction) throws -> RecordedBreach? {
        guard let ruleId = state.rule.id else { return nil }
        let number = try OrganizationCounter.alertNumber.next(organizationId: budget.organizationId, tx)
        let inserted = try tx.execute("""
            INSERT INTO budget_threshold_breaches (organization_id, number, budget_id, rule_id, period_start, period_end, trigger_type,
                threshold_percentage, threshold_amount, figure, budget_amount, currency, breached_at)
            VALUES (\(budget.organizationId), \(number), \(budget.id), \(ruleId), \(period.start), \(period.end),
                \(state.rule.triggerType.rawValue), \(state.rule.percentage), \(state.rule.amount), \(state.figure), \(budget.amount),
                \(budget.currency), \(UTCTimestamp.sql(now)))
            ON DUPLICATE KEY UPDATE id = id
            """)
        guard inserted == 1, let id = try tx.query("SELECT LAST_INSERT_ID() AS id").first?.int64("id") else { return nil }
        return RecordedBreach(id: id, number: number)
    }

    /// Clears active breaches: their rules can fire again in the same period.
    /// - Returns: how many this call cleared (another evaluator may have cleared some first).
    @discardableResult
    static func clear(_ keys: [BreachKey], at now: Date, in tx: Transaction) throws -> Int {
        var cleared = 0
        for key in keys {
            cleared += try tx.execute("""
                UPDATE budget_threshold_breaches SET cleared_at = \(UTCTimestamp.sql(now))
                WHERE rule_id = \(key.ruleId) AND period_start = \(key.periodStart) AND cleared_at IS NULL
                """)
        }
        return cleared
    }

    /// What the organization calls a breach.
    static func number(of id: Int64, in db: any SQLReading) throws -> Int64? {
        try db.query("SELECT number FROM budget_threshold_breaches WHERE id = \(id)").first?.int64("number")
    }

    /// The budget's breaches, newest first.
    static func list(budgetId: UUID, organizationId: UUID, limit: Int = 100, in db: any SQLReading) throws -> [Breach] {
        try db.query("""
            SELECT \(columns) FROM budget_threshold_breaches WHERE budget_id = \(budgetId) AND organization_id = \(organizationId)
            ORDER BY id DESC LIMIT \(limit)
            """).map(breach)
    }

    /// The organization's breaches recorded from `start` up to (not including) `end`, newest first (at most `limit`).
    static func list(organizationId: UUID, recordedFrom start: Date, to end: Date, limit: Int = 500, in db: any SQLReading) throws -> [Breach] {
        try db.query("""
            SELECT \(columns) FROM budget_threshold_breaches
            WHERE organization_id = \(organizationId) AND breached_at >= \(UTCTimestamp.sql(start)) AND breached_at < \(UTCTimestamp.sql(end))
            ORDER BY breached_at DESC, id DESC LIMIT \(limit)
            """).map(breach)
    }

    private static let columns = SQLQuery(sql: """
        id, number, budget_id, rule_id, period_start, period_end, trigger_type, threshold_percentage, threshold_amount, figure,
        budget_amount, currency, breached_at, cleared_at
        """)

    private static func breach(_ row: Row) throws -> Breach {
        Breach(
            id: try row.required("id") { Int64($0) }, number: try row.required("number") { Int64($0) },
            budgetId: try row.uuid("budget_id"), ruleId: try row.uuid("rule_id"),
            period: BudgetPeriod(start: try row.localDate("period_start"), end: try row.localDate("period_end")),
            triggerType: try row.enumeration("trigger_type", as: TriggerType.self),
            thresholdPercentage: try row.money("threshold_percentage"), thresholdAmount: try row.money("threshold_amount"),
            figure: try row.money("figure"), budgetAmount: try row.money("budget_amount"), currency: try row.text("currency"),
            breachedAt: try row.timestamp("breached_at"), clearedAt: row["cleared_at"].flatMap(UTCTimestamp.parse))
    }
}
