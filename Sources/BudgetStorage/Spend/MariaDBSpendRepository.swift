public import BudgetCore
public import Foundation
public import MariaDB

/// Spend figures summed from cost line items.
///
/// A line item counts in a period when its charge period starts inside it. Budget periods are whole
/// months, so the figures of any number of budgets come from one aggregate per connection, service
/// and month (`MonthlySpend`), and each budget adds up the services it watches (all of them when it
/// selects none).
public struct MariaDBSpendRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Each budget's spend in its period containing `today`.
    public func spend(of budgets: [Budget], on today: LocalDate) throws -> [UUID: SpendFigures] {
        try MonthlySpend.figures(of: budgets, on: today, connection)
    }

    /// Billed spend per day of one budget's period (only days with line items).
    public func dailySpend(of budget: Budget, in period: BudgetPeriod) throws -> [LocalDate: Decimal] {
        let services = budget.selectedServices.filter(\.selected).map(\.id)
        let filter: SQLQuery = services.isEmpty ? "" : "AND service_id IN (\(list: services))"
        var result: [LocalDate: Decimal] = [:]
        for row in try connection.query("""
            SELECT DATE(charge_period_start) AS day, SUM(billed_cost) AS billed FROM cost_line_items
            WHERE csp_connection_id = \(budget.cspConnectionId) AND charge_period_start >= \(period.start)
              AND charge_period_start < \(period.endExclusive) \(filter)
            GROUP BY DATE(charge_period_start)
            """) {
            result[try row.localDate("day")] = try row.money("billed")
        }
        return result
    }
}
