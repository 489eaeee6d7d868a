import Kernel
import Foundation

/// Budget totals per currency, in currency order: amounts of two currencies are never added.
struct CurrencyTotals: RandomAccessCollection {
    struct Total {
        let currency: String
        var budgets = 0
        var allocated: Decimal = 0
        var spend: Decimal = 0
    }

    private let totals: [Total]

    init(_ views: [BudgetView]) {
        var byCurrency: [String: Total] = [:]
        for view in views {
            let currency = view.budget.currency
            byCurrency[currency, default: Total(currency: currency)].budgets += 1
            byCurrency[currency]!.allocated += view.budget.amount
            byCurrency[currency]!.spend += view.metrics.currentSpend
        }
        totals = byCurrency.values.sorted { $0.currency < $1.currency }
    }

    var startIndex: Int { totals.startIndex }
    var endIndex: Int { totals.endIndex }
    subscript(position: Int) -> Total { totals[position] }
}

extension PeriodTotal {
    /// The totals of listed budgets, each with its current period's billed spend.
    static func totals(of views: [BudgetView]) -> [PeriodTotal] { totals(of: views.map { ($0.budget, $0.metrics.currentSpend) }) }
}
