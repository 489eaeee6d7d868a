import Foundation
import Kernel
import MariaDB
import Persistence

/// Sums over `cost_daily_rollups`, grouped in the database: a report reads a few hundred rows,
/// never the line items.
enum RollupStore {
    static func serviceTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate, in db: any SQLReading) throws -> [ServiceCost] {
        guard !connectionIds.isEmpty else { return [] }
        return try db.query("""
            SELECT csp_connection_id, service_id, billing_currency, SUM(billed_cost) AS billed, SUM(effective_cost) AS effective
            FROM cost_daily_rollups
            WHERE csp_connection_id IN (\(list: connectionIds)) AND day >= \(from) AND day < \(to)
            GROUP BY csp_connection_id, service_id, billing_currency
            """).map(serviceCost)
    }

    static func monthlyServiceTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate,
                                     in db: any SQLReading) throws -> [MonthlyServiceCost] {
        guard !connectionIds.isEmpty else { return [] }
        return try db.query("""
            SELECT DATE_FORMAT(day, '%Y-%m-01') AS month, csp_connection_id, service_id, billing_currency,
                   SUM(billed_cost) AS billed, SUM(effective_cost) AS effective
            FROM cost_daily_rollups
            WHERE csp_connection_id IN (\(list: connectionIds)) AND day >= \(from) AND day < \(to)
            GROUP BY month, csp_connection_id, service_id, billing_currency
            """).map { row in MonthlyServiceCost(month: try row.localDate("month"), cost: try serviceCost(row)) }
    }

    static func dailyTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate, in db: any SQLReading) throws -> [DailyConnectionCost] {
        guard !connectionIds.isEmpty else { return [] }
        return try db.query("""
            SELECT day, csp_connection_id, billing_currency, SUM(billed_cost) AS billed, SUM(effective_cost) AS effective
            FROM cost_daily_rollups
            WHERE csp_connection_id IN (\(list: connectionIds)) AND day >= \(from) AND day < \(to)
            GROUP BY day, csp_connection_id, billing_currency
            """).map { row in
            DailyConnectionCost(day: try row.localDate("day"), connectionId: try row.uuid("csp_connection_id"),
                                currency: try row.text("billing_currency"), figures: try figures(row))
        }
    }

    /// The newest charge end per connection among charges starting from `from` (inclusive) to `to` (exclusive). Without
    /// `from`, each connection's last day with cost is found on the (connection, day) index first, and only the month
    /// before it is read, so the answer does not cost a scan of the connection's whole history.
    static func newestCharges(connectionIds: [UUID], from: LocalDate?, before to: LocalDate?, in db: any SQLReading) throws -> [UUID: Date] {
        guard !connectionIds.isEmpty else { return [:] }
        let upper: SQLQuery = to.map { " AND day < \($0)" } ?? ""
        var lower: [(UUID, LocalDate)] = []
        if let from {
            lower = connectionIds.map { ($0, from) }
        } else {
            for row in try db.query("""
                SELECT csp_connection_id, MAX(day) AS last_day FROM cost_daily_rollups
                WHERE csp_connection_id IN (\(list: connectionIds))\(upper) GROUP BY csp_connection_id
                """) {
                lower.append((try row.uuid("csp_connection_id"), try row.localDate("last_day").adding(days: -31)))
            }
        }
        guard !lower.isEmpty else { return [:] }
        let scopes = lower.map { id, day -> SQLQuery in "(csp_connection_id = \(id) AND day >= \(day))" }
        let scope = scopes.dropFirst().reduce(scopes[0]) { $0 + " OR " + $1 }
        var result: [UUID: Date] = [:]
        for row in try db.query("""
            SELECT csp_connection_id, MAX(newest_charge_end) AS newest FROM cost_daily_rollups
            WHERE (\(scope))\(upper) GROUP BY csp_connection_id
            """) {
            result[try row.uuid("csp_connection_id")] = try row.timestamp("newest")
        }
        return result
    }

    static func firstDay(connectionIds: [UUID], in db: any SQLReading) throws -> LocalDate? {
        guard !connectionIds.isEmpty else { return nil }
        return try db.query("SELECT MIN(day) AS first FROM cost_daily_rollups WHERE csp_connection_id IN (\(list: connectionIds))")
            .first.flatMap { row in row["first"].flatMap { LocalDate(iso: $0) } }
    }

    private static func serviceCost(_ row: Row) throws -> ServiceCost {
        ServiceCost(connectionId: try row.uuid("csp_connection_id"), serviceId: try row.uuid("service_id"),
                    currency: try row.text("billing_currency"), figures: try figures(row))
    }

    private static func figures(_ row: Row) throws -> SpendFigures {
        SpendFigures(billed: FixedAmount.decimal(try row.wideSum("billed")), effective: FixedAmount.decimal(try row.wideSum("effective")))
    }
}
