import Foundation
import Kernel
import MariaDB
import Persistence

/// Spend read from the daily rollups (figures) and the cost line items (the items themselves).
enum SpendStore {
    /// The months from `start` up to (not including) `end`, of every connection or only of `connectionIds`.
    static func monthly(from start: LocalDate, to end: LocalDate, connectionIds: [UUID]?, in db: any SQLReading) throws -> MonthlySpend {
        var spend = MonthlySpend()
        if let connectionIds, connectionIds.isEmpty { return spend }
        let filter: SQLQuery = connectionIds.map { " AND csp_connection_id IN (\(list: $0))" } ?? ""
        for row in try db.query("""
            SELECT csp_connection_id, service_id, YEAR(day) * 12 + MONTH(day) - 1 AS month,
                   SUM(billed_cost) AS billed, SUM(effective_cost) AS effective
            FROM cost_daily_rollups WHERE day >= \(start) AND day < \(end)\(filter)
            GROUP BY csp_connection_id, service_id, month
            """) {
            spend.add(connection: try row.uuid("csp_connection_id"), month: try row.required("month") { Int($0) },
                      service: try row.uuid("service_id"),
                      billed: try row.wideSum("billed"), effective: try row.wideSum("effective"))
        }
        return spend
    }

    /// Billed spend per day of one scope's period (only days with line items).
    static func daily(connectionId: UUID, serviceIds: [UUID], in period: BudgetPeriod, db: any SQLReading) throws -> [LocalDate: Decimal] {
        let filter: SQLQuery = serviceIds.isEmpty ? "" : "AND service_id IN (\(list: serviceIds))"
        var result: [LocalDate: Decimal] = [:]
        for row in try db.query("""
            SELECT day, SUM(billed_cost) AS billed FROM cost_daily_rollups
            WHERE csp_connection_id = \(connectionId) AND day >= \(period.start) AND day < \(period.endExclusive) \(filter)
            GROUP BY day
            """) {
            result[try row.localDate("day")] = try row.money("billed")
        }
        return result
    }

    /// The connection's line items of one billing period, in charge order.
    static func lineItems(connectionId: UUID, billingPeriodStart: LocalDate, in db: any SQLReading) throws -> [CostLineItem] {
        try db.query("""
            SELECT billing_period_start, billing_period_end, charge_period_start, charge_period_end, service_name, service_category,
                   provider_name, charge_category, billed_cost, effective_cost, list_cost, billing_currency, resource_id, tags
            FROM cost_line_items WHERE csp_connection_id = \(connectionId) AND billing_period_start = \(billingPeriodStart)
            ORDER BY charge_period_start, id
            """).map { row in
            CostLineItem(
                billingPeriodStart: try row.localDate("billing_period_start"), billingPeriodEnd: try row.localDate("billing_period_end"),
                chargePeriodStart: try row.text("charge_period_start"), chargePeriodEnd: try row.text("charge_period_end"),
                serviceName: try row.text("service_name"), serviceCategory: row["service_category"], providerName: row["provider_name"],
                chargeCategory: row["charge_category"], billedCost: try row.money("billed_cost"), effectiveCost: try row.money("effective_cost"),
                listCost: row.decimal("list_cost"), billingCurrency: try row.text("billing_currency"), resourceId: row["resource_id"],
                tags: row["tags"])
        }
    }
}
