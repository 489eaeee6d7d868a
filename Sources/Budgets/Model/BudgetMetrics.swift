public import CostData
public import Foundation
public import Kernel

/// Where a budget's billed spend stands: `inactive` before its start month, `exceeded` at 100 % or
/// more of its amount, `warning` once it reaches the lowest threshold, `active` otherwise.
///
/// Like `utilizationPercentage`, it reads billed spend only; whether each rule has fired (on its
/// own figure: amortized cost, a forecast) is the rule's state, not the budget's.
public enum BudgetStatus: String, Sendable, CaseIterable {
    case active, warning, exceeded, inactive

    /// The one colour scale for levels: a reached threshold below 100 % is a warning, from 100 % on
    /// the budget is exceeded, whether it is the budget's status, a rule's badge or an alert's.
    public static func reached(level percentage: Decimal) -> BudgetStatus { percentage >= 100 ? .exceeded : .warning }
}

/// Everything derived from a budget and its spend on one day: the figures of the API's
/// responses and of the pages, computed in one place.
public struct BudgetMetrics: Sendable, Equatable {
    public struct RuleState: Sendable, Equatable {
        public let rule: ThresholdRule
        /// The figure this rule compares (its trigger type's), rounded to cents.
        public let figure: Decimal
        public let reached: Bool
    }

    public let period: BudgetPeriod
    /// Billed spend in the period, rounded to cents.
    public let currentSpend: Decimal
    /// Amortized cost in the period, rounded to cents.
    public let actualCost: Decimal
    /// The amount minus the spend; negative once the budget is exceeded.
    public let remainingAmount: Decimal
    /// Spend as a percentage of the amount, two decimals.
    public let utilizationPercentage: Decimal
    /// Billed spend at the end of the period if it goes on at the rate so far; `nil` before the
    /// period's third day (see `RunRateForecast`).
    public let forecastSpend: Decimal?
    /// The first day of the period with a forecast.
    public let forecastAvailableFrom: LocalDate
    public let status: BudgetStatus
    public let daysRemaining: Int
    /// The lowest threshold above the current utilization, if any.
    public let nextThresholdPercentage: Decimal?
    public let rules: [RuleState]

    public init(amount: Decimal, rules: [ThresholdRule], startMonth: LocalDate, timeRange: TimeRange, spend: SpendFigures, today: LocalDate) {
        let period = BudgetPeriod.containing(today, startMonth: startMonth, timeRange: timeRange)
        self.period = period
        currentSpend = spend.billed.rounded(2)
        actualCost = spend.effective.rounded(2)
        remainingAmount = (amount - spend.billed).rounded(2)
        let utilization = amount > 0 ? (spend.billed * 100 / amount).rounded(2) : 0
        utilizationPercentage = utilization
        let runRate = RunRateForecast(period: period, spentSoFar: spend.billed, today: today)
        forecastSpend = runRate.atEnd
        forecastAvailableFrom = runRate.availableFrom
        let inactive = today < startMonth
        // Until there is a forecast, a forecast rule compares the spend so far: money already
        // spent is certainly spent by the end of the period.
        let forecast = forecastSpend ?? spend.billed.rounded(2)
        self.rules = rules.map { rule in
            let figure: Decimal
            switch rule.triggerType {
            case .actualSpend: figure = spend.billed.rounded(2)
            case .actualCost: figure = spend.effective.rounded(2)
            case .forecastedCost: figure = forecast
            }
            return RuleState(rule: rule, figure: figure, reached: !inactive && figure >= rule.amount)
        }
        if inactive {
            status = .inactive
        } else if spend.billed >= amount {
            status = .exceeded
        } else if rules.contains(where: { spend.billed >= $0.amount }) {
            status = .warning
        } else {
            status = .active
        }
        daysRemaining = period.daysRemaining(on: today)
        nextThresholdPercentage = rules.map(\.percentage).filter { $0 > utilization }.min()
    }
}
