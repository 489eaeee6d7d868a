public import BudgetCore
public import Foundation
public import MariaDB

/// Spend figures summed from cost line items.
///
/// A line item counts in a period when its charge period starts inside it. Budgets that share a
/// connection and a period share one query, grouped by service, and each budget adds up the
/// services it watches (all of them when it selects none).
public struct MariaDBSpendRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Each budget's spend in its period containing `today`.
    public func spend(of budgets: [Budget], on today: LocalDate) throws -> [UUID: SpendFigures] {
        struct Key: Hashable { let connection: UUID; let period: BudgetPeriod }
        var groups: [Key: [Budget]] = [:]
        for budget in budgets {
            let period = BudgetPeriod.containing(today, startMonth: budget.startMonth, timeRange: budget.timeRange)
            groups[Key(connection: budget.cspConnectionId, period: period), default: []].append(budget)
        }
        var result: [UUID: SpendFigures] = [:]
        for (key, members) in groups {
            let byService = try spendByService(connectionId: key.connection, period: key.period)
            for budget in members {
                let selected = budget.selectedServices.filter(\.selected).map(\.id)
                var figures = SpendFigures.zero
                for (service, spend) in byService where selected.isEmpty || selected.contains(service) {
                    figures.billed += spend.billed
                    figures.effective += spend.effective
                }
                result[budget.id] = figures
            }
        }
        return result
    }

    /// Billed and effective cost per service of one connection in one period.
    public func spendByService(connectionId: UUID, period: BudgetPeriod) throws -> [UUID: SpendFigures] {
        var result: [UUID: SpendFigures] = [:]
        for row in try connection.query("""
            SELECT service_id, SUM(billed_cost) AS billed, SUM(effective_cost) AS effective FROM cost_line_items
            WHERE csp_connection_id = \(connectionId) AND charge_period_start >= \(period.start) AND charge_period_start < \(period.endExclusive)
            GROUP BY service_id
            """) {
            result[try row.uuid("service_id")] = SpendFigures(billed: try row.money("billed"), effective: try row.money("effective"))
        }
        return result
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
