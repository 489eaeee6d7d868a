public import CostData
import Foundation
import Kernel
import MariaDB

/// Each budget's spend in its period containing a day, from the cost data's monthly aggregates:
/// one query for the budgets without tag filters (the daily rollups, as before there were any) and
/// one for those with (the rollups by tag set, each distinct selection read once), whatever the
/// number of budgets. A list without tag-filtered budgets never runs the second.
enum BudgetSpend {
    /// - Parameter everyConnection: read all connections' months instead of listing the budgets'
    ///   connections (a pass over every budget).
    static func figures(of budgets: [Budget], on today: LocalDate, _ db: any SQLReading,
                        everyConnection: Bool = false) throws -> [UUID: SpendFigures] {
        let periods = budgets.map { BudgetPeriod.containing(today, startMonth: $0.startMonth, timeRange: $0.timeRange) }
        let plain = zip(budgets, periods).filter { $0.0.tagFilters.isEmpty }
        let tagged = zip(budgets, periods).filter { !$0.0.tagFilters.isEmpty }
        var result: [UUID: SpendFigures] = [:]
        if !plain.isEmpty {
            let spend = try SpendReader.monthlySpend(
                from: plain.map(\.1.start).min()!, to: plain.map(\.1.endExclusive).max()!,
                connectionIds: everyConnection ? nil : Array(Set(plain.map(\.0.cspConnectionId))), in: db)
            for (budget, period) in plain {
                result[budget.id] = spend.figures(connectionId: budget.cspConnectionId, serviceIds: budget.selectedServiceIds, in: period)
            }
        }
        if !tagged.isEmpty {
            var selections: [TagSelection: Set<UUID>] = [:]
            for (budget, _) in tagged { selections[budget.tagSelection, default: []].insert(budget.cspConnectionId) }
            let spend = try SpendReader.monthlySpend(from: tagged.map(\.1.start).min()!, to: tagged.map(\.1.endExclusive).max()!,
                                                     selections: selections, in: db)
            for (budget, period) in tagged {
                result[budget.id] = spend[budget.tagSelection]?
                    .figures(connectionId: budget.cspConnectionId, serviceIds: budget.selectedServiceIds, in: period) ?? .zero
            }
        }
        return result
    }

    /// The months from `start` up to `end` of one budget's costs: its connection's, or only those its tags select.
    static func monthly(of budget: Budget, from start: LocalDate, to end: LocalDate, _ db: any SQLReading) throws -> MonthlySpend {
        guard !budget.tagFilters.isEmpty else {
            return try SpendReader.monthlySpend(from: start, to: end, connectionIds: [budget.cspConnectionId], in: db)
        }
        let selection = budget.tagSelection
        return try SpendReader.monthlySpend(from: start, to: end, selections: [selection: [budget.cspConnectionId]], in: db)[selection]
            ?? MonthlySpend()
    }
}

extension Budget {
    /// The services the budget watches; empty for all of the connection's.
    var selectedServiceIds: [UUID] { selectedServices.filter(\.selected).map(\.id) }

    /// The costs its tag filters select (empty: all of them).
    public var tagSelection: TagSelection { TagSelection(tagFilters) }

    /// Watches every cost of its connection: no service selected and no tag filter.
    public var isConnectionWide: Bool { selectedServiceIds.isEmpty && tagFilters.isEmpty }
}
