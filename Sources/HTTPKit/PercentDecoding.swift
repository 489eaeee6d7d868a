/// Percent-decoding that refuses what a lenient decoder would guess at.
///
/// A `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded, make the request
/// malformed (400) rather than silently turning into something the client did not send.
enum PercentDecoding {
    /// - Parameter plusAsSpace: true for `application/x-www-form-urlencoded` and query strings.
    /// - Returns: `nil` when the input is malformed.
    static func decode(_ input: ArraySlice<UInt8>, plusAsSpace: Bool) -> String? {
        if !input.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(validating: input, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var i = input.startIndex
        while i != input.endIndex {
            let b = input[i]
            if b == UInt8(ascii: "%") {
                let h = input.index(after: i)
                guard h != input.endIndex else { return nil }
                let l = input.index(after: h)
                guard l != input.endIndex, let hi = hexValue(input[h]), let lo = hexValue(input[l]) else { return nil }
                bytes.append(hi << 4 | lo)
                i = input.index(after: l)
                continue
            }
            bytes.append(plusAsSpace && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
            i = input.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - 0x61 + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - 0x41 + 10
        default: nil
        }
    }

    /// Parses `a=1&b=2` pairs in order; a pair without `=` has an empty value.
    static func decodePairs(_ input: [UInt8]) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        if input.isEmpty { return pairs }
        for part in input.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let rawName = eq.map { part[part.startIndex..<$0] } ?? part[...]
            let rawValue = eq.map { part[part.index(after: $0)...] } ?? part[part.endIndex...]
            guard let name = decode(rawName, plusAsSpace: true), let value = decode(rawValue, plusAsSpace: true) else {
                return nil
            }
            pairs.append((name, value))
        }
        return pairs
    }
}
