public import Foundation
public import Kernel

/// The straight run-rate forecast of a period's billed spend: where it ends if spending goes on
/// at the average daily rate so far.
///
/// One place for the rule, so the figure on the page, in the API, in the e-mail and the one a
/// `forecasted cost` rule compares are always the same number. A forecast from the first day or
/// two alone is not made: one expensive morning would "forecast" thirty of them.
public struct RunRateForecast: Sendable, Equatable {
    /// Days of the period (today included) a forecast needs.
    public static let minimumDays = 3

    public let period: BudgetPeriod
    public let spentSoFar: Decimal
    public let today: LocalDate

    public init(period: BudgetPeriod, spentSoFar: Decimal, today: LocalDate) {
        self.period = period
        self.spentSoFar = spentSoFar
        self.today = today
    }

    /// The first day with a forecast: the period's third.
    public var availableFrom: LocalDate { period.start.adding(days: RunRateForecast.minimumDays - 1) }

    /// Whether enough of the period has passed for a forecast.
    public var isAvailable: Bool { period.daysElapsed(on: today) >= RunRateForecast.minimumDays }

    /// The forecast at the end of the period, to the cent; `nil` before `availableFrom`.
    public var atEnd: Decimal? { at(period.end) }

    /// The forecast at the end of `day` (today or later, within the period), to the cent; `nil`
    /// before `availableFrom`, and for days before today (those have actual spend).
    public func at(_ day: LocalDate) -> Decimal? {
        guard isAvailable, day >= today else { return nil }
        let elapsed = period.daysElapsed(on: today)
        let daysAhead = min(today.days(until: day), period.lengthInDays - elapsed)
        return (spentSoFar + spentSoFar / Decimal(elapsed) * Decimal(daysAhead)).rounded(2)
    }
}
