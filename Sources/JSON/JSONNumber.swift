/// A JSON number as written: its text is always valid JSON number grammar.
///
/// Callers that need exact decimals parse `text` themselves (`Decimal(string:)`), so nothing is lost
/// between the wire and the database.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    /// Accepts only RFC 8259 number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public init?(text: String) {
        guard JSONNumber.isValid(Array(text.utf8)[...]) else { return nil }
        self.text = text
    }

    public init(_ value: Int) { text = String(value) }

    init(unchecked text: String) { self.text = text }

    public var description: String { text }

    /// The value as an `Int` when the text is a plain integer that fits.
    public var intValue: Int? { Int(text) }

    /// True for numbers written with a fraction or exponent.
    public var hasFractionOrExponent: Bool { text.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") } }

    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            let start = i
            while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == end
    }
}
