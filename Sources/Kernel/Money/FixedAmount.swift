public import Foundation

/// An amount of money to 11 decimal places (what `DECIMAL(23,11)` keeps), as an exact integer
/// count of 10⁻¹¹ units.
///
/// A million rows carry three amounts each; Foundation's `Decimal` parses and prints each in tens of
/// thousands of instructions (measured), so the importer reads amounts straight from the bytes
/// into this, sums them exactly, and hands the database the text it was given.
public struct FixedAmount: Equatable, Sendable {
    public static let scale = 11
    public static let unit: Int128 = 100_000_000_000  // 10^11
    /// Values must stay below 10^12 in size (the column's 23 digits).
    public static let limit: Int128 = unit * 1_000_000_000_000
    /// Sums of many line items may be far larger than one (a month of a big account, a currency
    /// with small units): their bound is what Int128 holds, about 10^26.
    public static let sumLimit: Int128 = Int128.max / 10

    public let scaled: Int128
    /// Plain decimal text for the database.
    public let text: String
    /// The text had more than 11 decimal places and the value was rounded to 11.
    public private(set) var wasRounded = false

    /// Parses `-0.00001605990`, `12`, `+3.5`, `1.5E-7`; more than 11 decimals round half away from zero.
    /// - Parameter limit: the largest size accepted; by default what one line item's column holds.
    /// - Returns: `nil` for anything else, or for a value at or above `limit`.
    public init?(_ field: UnsafeBufferPointer<UInt8>, limit: Int128 = FixedAmount.limit) {
        let n = field.count
        var i = 0
        var negative = false
        if i < n, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
            negative = field[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: Int128 = 0
        var significantDigits = 0
        var integerDigits = 0
        var fractionDigits = 0
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // More than 36 significant digits would overflow Int128 a few digits later: refuse them
        // as they come, not after.
        while i < n, digit(field[i]) {
            mantissa = mantissa * 10 + Int128(field[i] - 0x30)
            if mantissa != 0 { significantDigits += 1 }
            if significantDigits > 36 { return nil }
            integerDigits += 1
            i += 1
        }
        if i < n, field[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, digit(field[i]) {
                mantissa = mantissa * 10 + Int128(field[i] - 0x30)
                if mantissa != 0 { significantDigits += 1 }
                if significantDigits > 36 { return nil }
                fractionDigits += 1
                i += 1
            }
        }
        guard integerDigits + fractionDigits > 0, significantDigits <= 36 else { return nil }
        var exponent = 0
        let plain = i == n
        if !plain {
            guard field[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            var exponentNegative = false
            if i < n, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
                exponentNegative = field[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            while i < n, digit(field[i]), i - exponentStart < 3 {
                exponent = exponent * 10 + Int(field[i] - 0x30)
                i += 1
            }
            guard i > exponentStart, i == n else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        // scaled = mantissa × 10^(11 + exponent − fractionDigits)
        var scaled = mantissa
        var rounded = false
        let shift = FixedAmount.scale + exponent - fractionDigits
        if shift > 0 {
            for _ in 0..<shift {
                scaled *= 10
                if scaled >= limit { return nil }
            }
        } else if shift < 0 {
            var divisor: Int128 = 1
            for _ in 0..<min(-shift, 38) { divisor *= 10 }
            let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: divisor)
            scaled = quotient + (remainder * 2 >= divisor ? 1 : 0)
            rounded = remainder != 0
        }
        guard scaled < limit else { return nil }
        if plain && fractionDigits <= FixedAmount.scale {
            // The text as given is what the column stores: no need to print it again.
            let start = field[0] == UInt8(ascii: "+") ? 1 : 0
            self.init(exact: negative ? -scaled : scaled, text: String(decoding: UnsafeBufferPointer(rebasing: field[start...]), as: UTF8.self))
        } else {
            self.init(scaled: scaled, negative: negative)
        }
        wasRounded = rounded
    }

    public init(scaled magnitude: Int128, negative: Bool) {
        let value = negative ? -magnitude : magnitude
        self.init(exact: value, text: FixedAmount.format(value))
    }

    private init(exact scaled: Int128, text: String) {
        self.scaled = scaled
        self.text = text
    }

    /// `-12.00001605990`
    public static func format(_ scaled: Int128) -> String {
        let magnitude = scaled < 0 ? -scaled : scaled
        let (whole, fraction) = magnitude.quotientAndRemainder(dividingBy: unit)
        let fractionText = String(fraction)
        return (scaled < 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: scale - fractionText.count) + fractionText
    }

    /// Parses text (the database's DECIMAL form, say).
    public init?(_ text: String, limit: Int128 = FixedAmount.limit) {
        var copy = text
        guard let value = copy.withUTF8({ FixedAmount($0, limit: limit) }) else { return nil }
        self = value
    }

    /// The exact value as a `Decimal` (for totals, once per file).
    public static func decimal(_ scaled: Int128) -> Decimal {
        let magnitude = scaled < 0 ? -scaled : scaled
        if magnitude <= Int128(UInt64.max) {
            // Most amounts: built directly, without printing and parsing text.
            return Decimal(sign: scaled < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(UInt64(magnitude)))
        }
        return Decimal(string: format(scaled), locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }
}
