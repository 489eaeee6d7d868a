public import Foundation

/// A calendar day without a time or zone: budget periods are whole days in UTC.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Returns: `nil` for a day that does not exist (2025-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let y = decimalDigits(bytes[0..<4]), let m = decimalDigits(bytes[5..<7]), let d = decimalDigits(bytes[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A computed day: `month` 1…12 and `day` within it are the caller's guarantee, the year is
    /// unbounded (arithmetic near year 1 or 9999 must give a day, never trap on a client's input).
    public init(computedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day of `date`.
    public init(_ date: Date) {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        self = LocalDate(daysSinceEpoch: days)
    }

    /// Days since 1970-01-01 (negative before), the civil-from-days algorithm.
    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        year = y
        month = m
        day = d
    }

    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var iso: String {
        return "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    public var description: String { iso }

    public var isFirstOfMonth: Bool { day == 1 }
    /// Midnight at the start of the day, UTC.
    public var startOfDay: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400) }
    public var firstOfMonth: LocalDate { LocalDate(computedYear: year, month: month, day: 1) }

    /// The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return LocalDate(computedYear: y, month: m, day: min(day, LocalDate.daysIn(year: y, month: m)))
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// Whole months from the month of `self` to the month of `other`.
    public func months(until other: LocalDate) -> Int { (other.year * 12 + other.month) - (year * 12 + month) }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

}
