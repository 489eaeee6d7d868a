import Foundation

/// An IPv4 or IPv6 address, parsed from the forms a URL's host or a resolver may use, for telling
/// public destinations from this machine's and private networks'.
///
/// IPv4 is read as `inet_aton` reads it (what URL libraries hand to the resolver): one to four
/// parts, each decimal, octal (`0…`) or hex (`0x…`), so `127.1`, `2130706433` and `0x7f.0.0.1` are
/// all 127.0.0.1. IPv6 takes `::` and a dotted IPv4 tail.
public enum IPAddress: Equatable, Sendable {
    case v4(UInt32)
    case v6([UInt16])

    public init?(_ text: String) {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if host.hasSuffix(".") { host = host.dropLast() }
        if host.contains(":") {
            guard let groups = IPAddress.parseV6(host) else { return nil }
            self = .v6(groups)
        } else {
            guard let value = IPAddress.parseV4(host) else { return nil }
            self = .v4(value)
        }
    }

    /// Loopback, unspecified, private (RFC 1918, unique local), link-local, carrier-grade NAT,
    /// and IPv6 forms that carry such an IPv4 address.
    public var isPrivate: Bool {
        switch self {
        case .v4(let a):
            let first = a >> 24
            let second = (a >> 16) & 0xFF
            return first == 0 || first == 10 || first == 127 || (first == 169 && second == 254)
                || (first == 172 && (16...31).contains(second)) || (first == 192 && second == 168)
                || (first == 100 && (64...127).contains(second))
        case .v6(let g):
            if g.allSatisfy({ $0 == 0 }) { return true }  // ::
            if g[0..<7].allSatisfy({ $0 == 0 }) && g[7] == 1 { return true }  // ::1
            if (g[0] & 0xFE00) == 0xFC00 || (g[0] & 0xFFC0) == 0xFE80 { return true }
            let embedded = UInt32(g[6]) << 16 | UInt32(g[7])
            if g[0..<5].allSatisfy({ $0 == 0 }) && (g[5] == 0xFFFF || g[5] == 0) { return IPAddress.v4(embedded).isPrivate }
            return false
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 12 else { return nil }
            let value: UInt64?
            if part.lowercased().hasPrefix("0x") {
                value = part.count == 2 ? 0 : UInt64(part.dropFirst(2), radix: 16)
            } else if part.hasPrefix("0") && part.count > 1 {
                value = UInt64(part.dropFirst(), radix: 8)
            } else {
                value = UInt64(part, radix: 10)
            }
            guard let value else { return nil }
            numbers.append(value)
        }
        // The last part fills the bytes the others leave: a.b.c.d, a.b.cd, a.bcd, abcd.
        let last = numbers.removeLast()
        guard numbers.allSatisfy({ $0 <= 0xFF }), last < (UInt64(1) << (8 * (4 - numbers.count))) else { return nil }
        var value: UInt64 = 0
        for (i, n) in numbers.enumerated() { value |= n << (8 * (3 - i)) }
        return UInt32(value | last)
    }

    static func parseV6(_ text: Substring) -> [UInt16]? {
        var text = text
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains("."), let v4 = parseV4(piece), piece.split(separator: ".").count == 4 {
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
