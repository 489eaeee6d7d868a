public import Foundation

/// Timestamps as the database and the API write them, always in UTC, independent of the locale.
public enum UTCTimestamp {
    /// `2025-07-30T10:30:00Z` (seconds precision, as in the spec's examples).
    public static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let secondOfDay = seconds - day.daysSinceEpoch * 86_400
        return "\(day.iso)T\((secondOfDay / 3600).zeroPadded(2)):\((secondOfDay / 60 % 60).zeroPadded(2)):\((secondOfDay % 60).zeroPadded(2))Z"
    }

    /// `2025-07-30 10:30:00.123456` as `DATETIME(6)` reads, for binding.
    public static func sql(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let seconds = Int(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        let day = LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let s = seconds - day.daysSinceEpoch * 86_400
        return "\(day.iso) \((s / 3600).zeroPadded(2)):\((s / 60 % 60).zeroPadded(2)):\((s % 60).zeroPadded(2)).\(fraction.zeroPadded(6))"
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]` (the database) or `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            let day = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let h = decimalDigits(bytes[11..<13]), let m = decimalDigits(bytes[14..<16]), let s = decimalDigits(bytes[17..<19]),
            h < 24, m < 60, s < 60
        else { return nil }
        var rest = bytes[19...]
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !digits.isEmpty, let value = decimalDigits(digits) else { return nil }
            fraction = Double(value) / pow(10, Double(digits.count))
            rest = rest.dropFirst(1 + digits.count)
        }
        if rest.first == UInt8(ascii: "Z") { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        let seconds = Double(day.daysSinceEpoch * 86_400 + h * 3600 + m * 60 + s) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

}
