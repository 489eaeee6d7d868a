/// A month as paths and queries write it: exactly `YYYY-MM` (a report's, a compliance figure's).
public enum MonthParameter {
    /// The years a month, a week or a day may fall in: from the Unix epoch, and far enough
    /// short of 9999 that the months and weeks beside any of them are still days MariaDB can hold.
    public static let years = 1970...2999

    /// The first of the month, or `nil` for anything but `YYYY-MM` with a month 01…12 (and a year in `years`).
    public static func parse(_ text: String) -> LocalDate? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 0x30 && $0.element <= 0x39) }),
              let year = Int(String(decoding: bytes[0..<4], as: UTF8.self)), years.contains(year),
              let month = Int(String(decoding: bytes[5...6], as: UTF8.self))
        else { return nil }
        return LocalDate(year: year, month: month, day: 1)
    }

    /// `2025-06`.
    public static func text(_ month: LocalDate) -> String { String(month.iso.prefix(7)) }
}
