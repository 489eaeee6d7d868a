public import BudgetCore
public import Foundation
public import MariaDB

/// Billed and effective spend per connection, service and month, in exact fixed point: one
/// aggregate query serves a whole evaluation pass, since every budget period is whole months.
public struct MonthlySpend: Sendable {
    struct Key: Hashable {
        let connection: UUID
        let month: Int  // year * 12 + month - 1
    }

    /// Per connection and month: per service, (billed, effective) in 10⁻¹¹ units.
    private var buckets: [Key: [UUID: (billed: Int128, effective: Int128)]] = [:]

    /// Reads the months from `start` up to (not including) `end`, of every connection or only of `connectionIds`.
    public static func load(_ connection: Connection, from start: LocalDate, to end: LocalDate, connectionIds: [UUID]? = nil) throws -> MonthlySpend {
        var spend = MonthlySpend()
        if let connectionIds, connectionIds.isEmpty { return spend }
        let filter: SQLQuery = connectionIds.map { " AND csp_connection_id IN (\(list: $0))" } ?? ""
        for row in try connection.query("""
            SELECT csp_connection_id, service_id, YEAR(charge_period_start) * 12 + MONTH(charge_period_start) - 1 AS month,
                   SUM(billed_cost) AS billed, SUM(effective_cost) AS effective
            FROM cost_line_items WHERE charge_period_start >= \(start) AND charge_period_start < \(end)\(filter)
            GROUP BY csp_connection_id, service_id, month
            """) {
            let key = Key(connection: try row.uuid("csp_connection_id"), month: try row.required("month") { Int($0) })
            let billed = try row.required("billed") { FixedAmount($0, limit: FixedAmount.sumLimit) }.scaled
            let effective = try row.required("effective") { FixedAmount($0, limit: FixedAmount.sumLimit) }.scaled
            spend.buckets[key, default: [:]][try row.uuid("service_id")] = (billed, effective)
        }
        return spend
    }

    /// Each budget's figures in its period containing `today`: one query for all of them.
    /// - Parameter everyConnection: read all connections' months instead of listing the budgets'
    ///   connections (a pass over every budget).
    public static func figures(of budgets: [Budget], on today: LocalDate, _ connection: Connection,
                               everyConnection: Bool = false) throws -> [UUID: SpendFigures] {
        guard !budgets.isEmpty else { return [:] }
        let periods = budgets.map { BudgetPeriod.containing(today, startMonth: $0.startMonth, timeRange: $0.timeRange) }
        let spend = try load(connection, from: periods.map(\.start).min()!, to: periods.map(\.endExclusive).max()!,
                             connectionIds: everyConnection ? nil : Array(Set(budgets.map(\.cspConnectionId))))
        var result: [UUID: SpendFigures] = [:]
        for (budget, period) in zip(budgets, periods) { result[budget.id] = spend.figures(for: budget, in: period) }
        return result
    }

    /// A budget's figures in `period`: the months of the period, the budget's services (all when it selects none).
    public func figures(for budget: Budget, in period: BudgetPeriod) -> SpendFigures {
        let selected = budget.selectedServices.filter(\.selected).map(\.id)
        var billed: Int128 = 0
        var effective: Int128 = 0
        var month = period.start.year * 12 + period.start.month - 1
        let last = period.end.year * 12 + period.end.month - 1
        while month <= last {
            if let services = buckets[Key(connection: budget.cspConnectionId, month: month)] {
                if selected.isEmpty {
                    for value in services.values {
                        billed += value.billed
                        effective += value.effective
                    }
                } else {
                    for id in selected {
                        if let value = services[id] {
                            billed += value.billed
                            effective += value.effective
                        }
                    }
                }
            }
            month += 1
        }
        return SpendFigures(billed: FixedAmount.decimal(billed), effective: FixedAmount.decimal(effective))
    }
}
