import Kernel
import Foundation

/// Field values of a FOCUS row, read strictly and normalised for the database.
enum FOCUSValues {
    /// `2024-09-18 22:00:00`, `2024-09-18T22:00:00Z`, `…T22:00:00.000Z` or `…+00:00` →
    /// `2024-09-18 22:00:00`. FOCUS timestamps are UTC; another offset is refused, and so is a year
    /// before 2000 or after 2100 (no cloud bill; the budgets' own range). Byte by byte: four of
    /// these per row, a million rows per file.
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
        let zone = UnsafeBufferPointer(rebasing: field[i...])
        guard zone.isEmpty || zone.elementsEqual("Z".utf8) || zone.elementsEqual("+00:00".utf8) || zone.elementsEqual("+0000".utf8) else {
            return nil
        }
        let year = number(field, 0, 4), month = number(field, 5, 2), day = number(field, 8, 2)
        guard (2000...2100).contains(year), month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(year: year, month: month),
            number(field, 11, 2) < 24, number(field, 14, 2) < 60, number(field, 17, 2) < 60
        else { return nil }
        return String(unsafeUninitializedCapacity: 19) { out in
            for j in 0..<19 { out[j] = field[j] }
            out[10] = UInt8(ascii: " ")
            return 19
        }
    }

    private static func number(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int {
        var value = 0
        for i in start..<(start + count) { value = value * 10 + Int(field[i] - 0x30) }
        return value
    }

    private static func digits(_ field: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Bool {
        for i in start..<(start + count) where field[i] < 0x30 || field[i] > 0x39 { return false }
        return true
    }
}
