public import Foundation

/// Dates written for people, on pages and in e-mails alike: `1 Jun 2025`, `1 Jun – 30 Jun 2025`,
/// `15 Jun 2025, 10:30 UTC`. Independent of the server's locale, like `MoneyFormat`.
public enum DateFormat {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1 Jun 2025`
    public static func day(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// `Jun 2025`
    public static func month(_ date: LocalDate) -> String { "\(months[date.month - 1]) \(date.year)" }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                     "November", "December"]

    /// `June 2025`
    public static func longMonth(_ date: LocalDate) -> String { "\(monthNames[date.month - 1]) \(date.year)" }

    /// `1 Jun – 30 Jun 2025`, or `1 Jul 2025 – 30 Jun 2026` across a year.
    public static func period(_ period: BudgetPeriod) -> String {
        period.start.year == period.end.year
            ? "\(period.start.day) \(months[period.start.month - 1]) – \(day(period.end))"
            : "\(day(period.start)) – \(day(period.end))"
    }

    /// The zone `timestamp` writes in: the signed-in person's while a page is drawn (`PageRenderer`
    /// binds it), UTC everywhere else (e-mails, files, the command line).
    @TaskLocal public static var zone: TimeZone?

    /// `15 Jun 2025, 10:30 UTC`, or in `zone`: `15 Jun 2025, 16:00 UTC+5:30`. The zone is always written.
    public static func timestamp(_ date: Date) -> String {
        let offset = zone?.secondsFromGMT(for: date) ?? 0
        let local = date.addingTimeInterval(TimeInterval(offset))
        let iso = UTCTimestamp.iso8601(local)
        return "\(day(LocalDate(local))), \(iso.dropFirst(11).prefix(5)) \(zoneLabel(offsetSeconds: offset))"
    }

    /// `UTC`, `UTC+2`, `UTC-4`, `UTC+5:30`: the offset, which (unlike the abbreviations) every
    /// platform writes the same way.
    public static func zoneLabel(offsetSeconds: Int) -> String {
        guard offsetSeconds != 0 else { return "UTC" }
        let minutes = abs(offsetSeconds) / 60
        let sign = offsetSeconds < 0 ? "-" : "+"
        return "UTC\(sign)\(minutes / 60)" + (minutes % 60 == 0 ? "" : ":\((minutes % 60).zeroPadded(2))")
    }
}
