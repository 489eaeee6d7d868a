public import Foundation
public import Kernel

/// The budget list's totals, written so that they cannot mislead: per currency and period kind
/// (a yearly amount is not a month's), of the connection-wide budgets only, one per connection
/// (the oldest), since a service or tag budget lies inside its connection's and a second budget on
/// the same connection and period would count its spend twice. What is left out is counted, not hidden.
public struct PeriodTotal: Sendable, Equatable {
    public let currency: String
    public let timeRange: TimeRange
    /// The budgets added up.
    public var budgets = 0
    public var allocated: Decimal = 0
    /// Billed spend of each added budget's current period.
    public var spend: Decimal = 0
    /// Budgets of this currency and period kind left out: scoped by service or tag, or a second on the same connection.
    public var notAdded = 0

    public static func totals(of budgets: [(budget: Budget, spend: Decimal)]) -> [PeriodTotal] {
        var totals: [String: PeriodTotal] = [:]
        var counted: Set<String> = []
        let order: [TimeRange] = [.monthly, .quarterly, .yearly]
        let oldestFirst = budgets.sorted { ($0.budget.createdAt, $0.budget.id.uuidString) < ($1.budget.createdAt, $1.budget.id.uuidString) }
        for (budget, spend) in oldestFirst {
            let key = "\(budget.currency)|\(budget.timeRange.rawValue)"
            var total = totals[key] ?? PeriodTotal(currency: budget.currency, timeRange: budget.timeRange)
            let connectionKey = key + "|\(budget.cspConnectionId.uuidString)"
            if budget.selectedServices.isEmpty, budget.tagFilters.isEmpty, !counted.contains(connectionKey) {
                counted.insert(connectionKey)
                total.budgets += 1
                total.allocated += budget.amount
                total.spend += spend
            } else {
                total.notAdded += 1
            }
            totals[key] = total
        }
        return totals.values.sorted {
            ($0.currency, order.firstIndex(of: $0.timeRange) ?? 0) < ($1.currency, order.firstIndex(of: $1.timeRange) ?? 0)
        }
    }
}
