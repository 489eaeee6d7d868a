public import CostData
public import Foundation
public import Kernel

/// A budget's periods, the current one and those before it (at most twelve, newest first), each
/// with the figures the budget page shows for today's period, computed by the same
/// `BudgetMetrics`: for a period that has ended, as on its last day, so its forecast is its actual.
/// Past periods are measured against today's amount and thresholds (the change history says when
/// they were different).
public struct PeriodHistory: Sendable, Equatable {
    public static let maximumPeriods = 12

    public struct Entry: Sendable, Equatable {
        public let metrics: BudgetMetrics
        /// The period has ended: its figures are final (until a restated bill changes them).
        public let complete: Bool
    }

    public let entries: [Entry]

    /// The periods to read spend for: from the budget's start, at most `maximumPeriods`, newest first; none before it starts.
    public static func periods(startMonth: LocalDate, timeRange: TimeRange, today: LocalDate) -> [BudgetPeriod] {
        guard today >= startMonth else { return [] }
        var periods: [BudgetPeriod] = []
        var period = BudgetPeriod.containing(today, startMonth: startMonth, timeRange: timeRange)
        while periods.count < maximumPeriods {
            periods.append(period)
            let previousStart = period.start.adding(months: -timeRange.months)
            guard previousStart >= startMonth else { break }
            period = BudgetPeriod.containing(previousStart, startMonth: startMonth, timeRange: timeRange)
        }
        return periods
    }

    public init(amount: Decimal, rules: [ThresholdRule], startMonth: LocalDate, timeRange: TimeRange, connectionId: UUID,
                serviceIds: [UUID], spend: MonthlySpend, today: LocalDate) {
        entries = Self.periods(startMonth: startMonth, timeRange: timeRange, today: today).map { period in
            let complete = period.end < today
            let figures = spend.figures(connectionId: connectionId, serviceIds: serviceIds, in: period)
            let metrics = BudgetMetrics(amount: amount, rules: rules, startMonth: startMonth, timeRange: timeRange, spend: figures,
                                        today: complete ? period.end : today)
            return Entry(metrics: metrics, complete: complete)
        }
    }
}
