public import Foundation

/// A budget's spend in one period, by figure, summed from cost line items.
public struct SpendFigures: Sendable, Equatable {
    /// Cash as invoiced: FOCUS `BilledCost`. "Actual spend".
    public var billed: Decimal
    /// Amortized: FOCUS `EffectiveCost`. "Actual cost".
    public var effective: Decimal

    public init(billed: Decimal = 0, effective: Decimal = 0) {
        self.billed = billed
        self.effective = effective
    }

    public static let zero = SpendFigures()
}

/// Where a budget stands: `inactive` before its start month, `exceeded` at 100 % or more of its
/// amount, `warning` once any threshold is reached, `active` otherwise.
public enum BudgetStatus: String, Sendable, CaseIterable {
    case active, warning, exceeded, inactive
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
    /// Billed spend at the end of the period if it goes on at the rate so far.
    public let forecastSpend: Decimal
    public let status: BudgetStatus
    public let daysRemaining: Int
    /// The lowest threshold above the current utilization, if any.
    public let nextThresholdPercentage: Decimal?
    public let rules: [RuleState]

    /// A forecast from fewer days than this is not trusted: one expensive first day would
    /// "forecast" thirty of them. Until then a forecast rule compares the spend so far.
    public static let minimumForecastDays = 3

    public init(amount: Decimal, rules: [ThresholdRule], startMonth: LocalDate, timeRange: TimeRange, spend: SpendFigures, today: LocalDate) {
        let period = BudgetPeriod.containing(today, startMonth: startMonth, timeRange: timeRange)
        self.period = period
        currentSpend = spend.billed.rounded(2)
        actualCost = spend.effective.rounded(2)
        remainingAmount = (amount - spend.billed).rounded(2)
        let utilization = amount > 0 ? (spend.billed * 100 / amount).rounded(2) : 0
        utilizationPercentage = utilization
        let elapsed = period.daysElapsed(on: today)
        forecastSpend = elapsed > 0 ? (spend.billed * Decimal(period.lengthInDays) / Decimal(elapsed)).rounded(2) : 0
        let inactive = today < startMonth
        let forecast = elapsed >= BudgetMetrics.minimumForecastDays ? forecastSpend : spend.billed.rounded(2)
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
        } else if self.rules.contains(where: \.reached) {
            status = .warning
        } else {
            status = .active
        }
        daysRemaining = period.daysRemaining(on: today)
        nextThresholdPercentage = rules.map(\.percentage).filter { $0 > utilization }.min()
    }
}
