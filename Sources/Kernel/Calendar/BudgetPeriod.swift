/// One period of a recurring budget: whole days from `start` to `end`, both included.
///
/// Periods recur from the start month: a quarterly budget starting 2024-01-01 runs 2024-01-01…03-31,
/// 2024-04-01…06-30, and so on. Before the start month, the first period is the one that matters.
public struct BudgetPeriod: Hashable, Sendable, CustomStringConvertible {
    public let start: LocalDate
    public let end: LocalDate

    public init(start: LocalDate, end: LocalDate) {
        self.start = start
        self.end = end
    }

    /// The period of a budget (`startMonth`, `timeRange`) that contains `day`, or the first period
    /// when `day` is before `startMonth`.
    public static func containing(_ day: LocalDate, startMonth: LocalDate, timeRange: TimeRange) -> BudgetPeriod {
        let elapsed = max(0, startMonth.months(until: day))
        let index = day < startMonth ? 0 : elapsed / timeRange.months
        let start = startMonth.adding(months: index * timeRange.months)
        return BudgetPeriod(start: start, end: start.adding(months: timeRange.months).adding(days: -1))
    }

    /// The first day after the period: the exclusive bound for queries.
    public var endExclusive: LocalDate { end.adding(days: 1) }

    public var lengthInDays: Int { start.days(until: end) + 1 }

    /// Days left including `day` itself; the full length before the period starts, 0 after it ends.
    public func daysRemaining(on day: LocalDate) -> Int {
        if day < start { return lengthInDays }
        return max(0, day.days(until: end) + 1)
    }

    /// Days elapsed including `day`, within 0…length.
    public func daysElapsed(on day: LocalDate) -> Int {
        min(lengthInDays, max(0, start.days(until: day) + 1))
    }

    public func contains(_ day: LocalDate) -> Bool { start <= day && day <= end }

    /// `2024-04-01..2024-06-30`
    public var description: String { "\(start)..\(end)" }
}
