public import Kernel

/// An ISO 8601 week: Monday to Sunday, week 1 being the one with the year's first Thursday.
public struct ISOWeek: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// `2025-W24`; `nil` for anything else or a week the year does not have.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
              let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)), ReportMonth.years.contains(year),
              bytes[6...7].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let week = Int(String(decoding: bytes[6...7], as: UTF8.self)),
              week >= 1, week <= ISOWeek.weeks(in: year)
        else { return nil }
        self.year = year
        self.week = week
    }

    /// The week `day` is in.
    public init(containing day: LocalDate) {
        let thursday = day.adding(days: 3 - ISOWeek.weekdayIndex(day))
        year = thursday.year
        week = (LocalDate(computedYear: thursday.year, month: 1, day: 1).days(until: thursday)) / 7 + 1
    }

    /// Monday.
    public var start: LocalDate {
        let january4 = LocalDate(computedYear: year, month: 1, day: 4)
        return january4.adding(days: -ISOWeek.weekdayIndex(january4) + (week - 1) * 7)
    }

    /// Sunday.
    public var end: LocalDate { start.adding(days: 6) }

    public var previous: ISOWeek { ISOWeek(containing: start.adding(days: -7)) }

    public var description: String { "\(year.zeroPadded(4))-W\(week.zeroPadded(2))" }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool { (lhs.year, lhs.week) < (rhs.year, rhs.week) }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    static func weekdayIndex(_ day: LocalDate) -> Int { ((day.daysSinceEpoch + 3) % 7 + 7) % 7 }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday.
    static func weeks(in year: Int) -> Int {
        let december28 = LocalDate(computedYear: year, month: 12, day: 28)
        return ISOWeek(containing: december28).week
    }
}
