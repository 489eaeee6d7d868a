import Foundation
import Kernel
import MariaDB
import Persistence

/// The stored result of each budget's last evaluation (status, figures, when).
enum EvaluationStore {
    /// Writes the results, 500 budgets per statement, each in its own short transaction (retried if
    /// a concurrent evaluator's batch deadlocks with it).
    static func save(_ results: [(budgetId: UUID, metrics: BudgetMetrics)], at now: Date, on connection: Connection) throws {
        let columns = ["budget_id", "period_start", "status", "current_spend", "remaining_amount", "utilization_percentage",
                       "forecast_spend", "last_evaluated_at"]
        let timestamp = UTCTimestamp.sql(now)
        for start in stride(from: 0, to: results.count, by: 500) {
            let rows = results[start..<min(start + 500, results.count)].map { result -> [SQLValue] in
                let m = result.metrics
                return [result.budgetId.sqlValue, m.period.start.sqlValue, .text(m.status.rawValue), m.currentSpend.sqlValue,
                        m.remainingAmount.sqlValue, m.utilizationPercentage.sqlValue, m.forecastSpend.sqlValue, .text(timestamp)]
            }
            var query = SQLQuery.insert(into: "budget_evaluations", columns: columns, rows: rows)
            query = query + """
                 ON DUPLICATE KEY UPDATE period_start = VALUES(period_start), status = VALUES(status), current_spend = VALUES(current_spend),
                 remaining_amount = VALUES(remaining_amount), utilization_percentage = VALUES(utilization_percentage),
                 forecast_spend = VALUES(forecast_spend), last_evaluated_at = VALUES(last_evaluated_at)
                """
            try connection.transaction { tx in try tx.execute(query) }
        }
    }

    /// When each budget was last evaluated.
    static func lastEvaluated(budgetIds: [UUID], in db: any SQLReading) throws -> [UUID: Date] {
        guard !budgetIds.isEmpty else { return [:] }
        var result: [UUID: Date] = [:]
        for row in try db.query("SELECT budget_id, last_evaluated_at FROM budget_evaluations WHERE budget_id IN (\(list: budgetIds))") {
            result[try row.uuid("budget_id")] = try row.timestamp("last_evaluated_at")
        }
        return result
    }
}
