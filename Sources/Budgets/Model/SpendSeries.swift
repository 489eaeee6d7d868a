public import Foundation
public import Kernel

/// A budget's spend through its current period, bucket by bucket: the cumulative actual spend up
/// to today, the budget line, the even pace that would use the budget exactly, and the straight
/// run-rate forecast from today to the end of the period.
public struct SpendSeries: Sendable, Equatable {
    public enum Granularity: String, Sendable, CaseIterable { case day, month }

    public struct Point: Sendable, Equatable {
        /// The bucket's first day.
        public let date: LocalDate
        /// Billed spend in the bucket; `nil` for buckets after today.
        public let spend: Decimal?
        /// Billed spend from the start of the period to the end of the bucket; `nil` after today.
        public let cumulative: Decimal?
        /// Where an even pace would be at the end of the bucket.
        public let planned: Decimal
        /// The run-rate forecast at the end of the bucket, from today on; `nil` before today, and
        /// everywhere before the period's third day.
        public let forecast: Decimal?
    }

    public let granularity: Granularity
    public let period: BudgetPeriod
    public let amount: Decimal
    public let points: [Point]
    /// The run-rate forecast at the end of the period; `nil` before its third day.
    public let forecastAtEnd: Decimal?
    /// The first day of the period with a forecast.
    public let forecastAvailableFrom: LocalDate

    /// - Parameter spendByDay: billed spend per day of the period (days without spend may be absent).
    public init(granularity: Granularity, period: BudgetPeriod, amount: Decimal, spendByDay: [LocalDate: Decimal], today: LocalDate) {
        self.granularity = granularity
        self.period = period
        self.amount = amount
        let length = period.lengthInDays
        let spentSoFar = spendByDay.filter { $0.key <= today && period.contains($0.key) }.values.reduce(0, +)
        let runRate = RunRateForecast(period: period, spentSoFar: spentSoFar, today: today)
        forecastAtEnd = runRate.atEnd
        forecastAvailableFrom = runRate.availableFrom

        var buckets: [(start: LocalDate, end: LocalDate)] = []
        var day = period.start
        while day <= period.end {
            let end: LocalDate
            switch granularity {
            case .day: end = day
            case .month: end = min(day.firstOfMonth.adding(months: 1).adding(days: -1), period.end)
            }
            buckets.append((day, end))
            day = end.adding(days: 1)
        }
        var cumulative: Decimal = 0
        var points: [Point] = []
        for bucket in buckets {
            let daysToEnd = period.start.days(until: bucket.end) + 1
            let planned = (amount * Decimal(daysToEnd) / Decimal(length)).rounded(2)
            if bucket.start <= today {
                var spend: Decimal = 0
                var d = bucket.start
                while d <= bucket.end && d <= today {
                    spend += spendByDay[d] ?? 0
                    d = d.adding(days: 1)
                }
                cumulative += spend
                points.append(Point(date: bucket.start, spend: spend.rounded(2), cumulative: cumulative.rounded(2), planned: planned,
                                    forecast: runRate.at(bucket.end)))
            } else {
                points.append(Point(date: bucket.start, spend: nil, cumulative: nil, planned: planned, forecast: runRate.at(bucket.end)))
            }
        }
        self.points = points
    }
}
