public import Foundation

extension Decimal {
    /// Parses plain decimal text (`-12.50`, `50000`, `1e3` is refused) and nothing else.
    ///
    /// `Decimal(string:)` accepts `12abc` as 12 and silently rounds beyond 38 digits; money must
    /// not be guessed at, so the text is checked first.
    /// - Parameter maxFractionDigits: more digits after the point than this are refused.
    public init?(exactText text: String, maxFractionDigits: Int = 11) {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        let intDigits = i - intStart
        var fracDigits = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            fracDigits = i - fracStart
            guard fracDigits > 0 else { return nil }
        }
        guard i == bytes.count, intDigits > 0, intDigits <= 18, fracDigits <= maxFractionDigits,
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }

    /// Parses the text a `DECIMAL` column comes back as (`-37500.00`, `0.00001605990`).
    ///
    /// Up to 19 significant digits the value is built from its integer digits and exponent, without
    /// `Decimal(string:)`, which took a tenth of an evaluation pass over 10,000 budgets; longer text
    /// goes through it. `nil` for anything that is not plain decimal text.
    public init?(databaseText text: String) {
        var sign = FloatingPointSign.plus
        var digits: UInt64 = 0
        var significant = 0
        var fraction = 0
        var seenPoint = false
        var seenDigit = false
        for (i, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where i == 0:
                sign = .minus
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if digits == 0 && byte == UInt8(ascii: "0") {
                    if seenPoint { fraction += 1 }
                    continue
                }
                significant += 1
                guard significant <= 19 else {
                    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
                    self = value
                    return
                }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                if seenPoint { fraction += 1 }
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        // A negative Decimal with no digits is NaN, not zero.
        self = Decimal(sign: digits == 0 ? .plus : sign, exponent: -fraction, significand: Decimal(digits))
    }

    /// Parses a JSON number's text: like `exactText`, but also accepts an exponent (`5e4`).
    public init?(jsonNumber text: String, maxFractionDigits: Int = 11) {
        if let plain = Decimal(exactText: text, maxFractionDigits: maxFractionDigits) {
            self = plain
            return
        }
        guard text.contains(where: { $0 == "e" || $0 == "E" }),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
            let back = Decimal(exactText: value.description, maxFractionDigits: maxFractionDigits)
        else { return nil }
        self = back
    }

    /// Rounded half away from zero to `scale` digits after the point (how people round money).
    public func rounded(_ scale: Int) -> Decimal {
        var source = self
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)  // .plain: halves go away from zero
        return result
    }

    /// Plain text with no exponent and no grouping: what JSON and the database receive.
    public var plainText: String { description }
}
