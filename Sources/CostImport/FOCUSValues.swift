import BudgetCore
import Foundation

/// Field values of a FOCUS row, read strictly and normalised for the database.
enum FOCUSValues {
    /// `2024-09-18 22:00:00`, `2024-09-18T22:00:00Z`, `…T22:00:00.000Z` or `…+00:00` →
    /// `2024-09-18 22:00:00`. FOCUS timestamps are UTC; another offset is refused.
    static func timestamp(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        let n = field.count
        guard n >= 19, digits(field, 0, 4), field[4] == UInt8(ascii: "-"), digits(field, 5, 2), field[7] == UInt8(ascii: "-"),
            digits(field, 8, 2), field[10] == UInt8(ascii: " ") || field[10] == UInt8(ascii: "T"), digits(field, 11, 2),
            field[13] == UInt8(ascii: ":"), digits(field, 14, 2), field[16] == UInt8(ascii: ":"), digits(field, 17, 2)
        else { return nil }
        var i = 19
        if i < n, field[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, field[i] >= 0x30, field[i] <= 0x39 { i += 1 }
        }
        let zone = String(decoding: UnsafeBufferPointer(rebasing: field[i...]), as: UTF8.self)
        guard zone.isEmpty || zone == "Z" || zone == "+00:00" || zone == "+0000" else { return nil }
        var text = String(decoding: UnsafeBufferPointer(rebasing: field[0..<19]), as: UTF8.self)
        if field[10] == UInt8(ascii: "T") { text = text.replacingOccurrences(of: "T", with: " ") }
        guard let day = LocalDate(iso: String(text.prefix(10))), Int(text.dropFirst(11).prefix(2))! < 24,
            Int(text.dropFirst(14).prefix(2))! < 60, Int(text.dropFirst(17).prefix(2))! < 60
        else { return nil }
        _ = day
        return text
    }

    /// A decimal amount: `-0.00001605990`, `12`, `1.5E-7`. More than 11 decimal places are rounded
    /// to 11 (what the database keeps); a value too large for `DECIMAL(23,11)` is refused.
    static func amount(_ field: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard !field.isEmpty else { return nil }
        var i = 0
        if field[0] == UInt8(ascii: "-") || field[0] == UInt8(ascii: "+") { i = 1 }
        var intDigits = 0
        var fracDigits = 0
        var sawExponent = false
        while i < field.count, field[i] >= 0x30, field[i] <= 0x39 { i += 1; intDigits += 1 }
        if i < field.count, field[i] == UInt8(ascii: ".") {
            i += 1
            while i < field.count, field[i] >= 0x30, field[i] <= 0x39 { i += 1; fracDigits += 1 }
        }
        if i < field.count, field[i] | 0x20 == UInt8(ascii: "e") {
            sawExponent = true
            i += 1
            if i < field.count, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < field.count, field[i] >= 0x30, field[i] <= 0x39 { i += 1; expDigits += 1 }
            guard expDigits > 0, expDigits <= 3 else { return nil }
        }
        guard i == field.count, intDigits + fracDigits > 0, intDigits <= 12 || sawExponent else { return nil }
        let text = String(decoding: field, as: UTF8.self)
        guard var value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        if sawExponent || fracDigits > 11 { value = value.rounded(11) }
        guard abs(value) < Decimal(string: "1000000000000")! else { return nil }
        return value
    }

    private static func digits(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Bool {
        for i in start..<(start + count) where field[i] < 0x30 || field[i] > 0x39 { return false }
        return true
    }
}
