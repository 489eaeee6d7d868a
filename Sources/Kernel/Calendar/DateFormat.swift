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

    /// `15 Jun 2025, 10:30 UTC`
    public static func timestamp(_ date: Date) -> String {
        let iso = UTCTimestamp.iso8601(date)
        return "\(day(LocalDate(date))), \(iso.dropFirst(11).prefix(5)) UTC"
    }
}
