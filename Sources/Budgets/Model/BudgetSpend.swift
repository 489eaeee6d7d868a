import CostData
import Foundation
import Kernel
import MariaDB

/// Each budget's spend in its period containing a day, from the cost data's monthly aggregate:
/// one query whatever the number of budgets.
enum BudgetSpend {
    /// - Parameter everyConnection: read all connections' months instead of listing the budgets'
    ///   connections (a pass over every budget).
    static func figures(of budgets: [Budget], on today: LocalDate, _ db: any SQLReading,
                        everyConnection: Bool = false) throws -> [UUID: SpendFigures] {
        guard !budgets.isEmpty else { return [:] }
        let periods = budgets.map { BudgetPeriod.containing(today, startMonth: $0.startMonth, timeRange: $0.timeRange) }
        let spend = try SpendReader.monthlySpend(from: periods.map(\.start).min()!, to: periods.map(\.endExclusive).max()!,
                                                 connectionIds: everyConnection ? nil : Array(Set(budgets.map(\.cspConnectionId))), in: db)
        var result: [UUID: SpendFigures] = [:]
        for (budget, period) in zip(budgets, periods) {
            result[budget.id] = spend.figures(connectionId: budget.cspConnectionId, serviceIds: budget.selectedServiceIds, in: period)
        }
        return result
    }
}

extension Budget {
    /// The services the budget watches; empty for all of the connection's.
    var selectedServiceIds: [UUID] { selectedServices.filter(\.selected).map(\.id) }
}
