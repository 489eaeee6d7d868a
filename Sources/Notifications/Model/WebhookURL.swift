import Foundation
public import Kernel

/// Rules for the URL an organization admin registers to receive events.
///
/// http or https with a host, at most 2,048 characters, no user name or password in it (a secret
/// in a URL ends up in logs). Unless private targets are allowed, a host that names this machine
/// or a private network (`localhost`, 127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16,
/// 100.64/10, ::1, fc00::/7, fe80::/10, in any spelling) is refused, so a tenant cannot make the
/// worker call into its own network. A name that resolves to such an address is refused again
/// when the call is made (`WebhookSender`).
public enum WebhookURL {
    public static func validate(_ text: String?, field: String, allowPrivate: Bool, errors: inout FieldErrors) -> String? {
        guard let text, !text.isEmpty else {
            errors.add(field, "is required")
            return nil
        }
        guard text.utf8.count <= 2048 else {
            errors.add(field, "must be at most 2048 characters")
            return nil
        }
        guard WebhookURL.hasPlainSyntax(text), let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else {
            errors.add(field, "must be an http or https URL such as https://hooks.example.com/budgets")
            return nil
        }
        guard components.user == nil, components.password == nil else {
            errors.add(field, "must not contain a user name or password; authenticate with the signature header")
            return nil
        }
        if !allowPrivate && isPrivate(host: host) {
            errors.add(field, "must not point at this machine or a private network")
            return nil
        }
        return text
    }

    /// `http(s)://host[:port][/path][?query]` in plain ASCII, as the OpenAPI document's pattern
    /// says: a host of letters, digits, hyphens and dots (or a bracketed IPv6 literal), path and
    /// query characters of RFC 3986 with `%` only before two hex digits, and no fragment.
    static func hasPlainSyntax(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let lower = bytes.map { $0 | 0x20 }
        let prefix: Int
        if lower.starts(with: Array("https://".utf8)) {
            prefix = 8
        } else if lower.starts(with: Array("http://".utf8)) {
            prefix = 7
        } else {
            return false
        }
        var i = prefix
        func isAlnum(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func isHex(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
        if i < bytes.count, bytes[i] == UInt8(ascii: "[") {
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "]")), close > i + 1,
                IPAddress.parseV6(Substring(String(decoding: bytes[(i + 1)..<close], as: UTF8.self))) != nil
            else { return false }
            i = close + 1
        } else {
            let start = i
            while i < bytes.count, isAlnum(bytes[i]) || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: ".") { i += 1 }
            let host = bytes[start..<i]
            guard !host.isEmpty else { return false }
            for label in host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            let start = i + 1
            i = start
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            guard (1...5).contains(i - start) else { return false }
        }
        guard i == bytes.count || bytes[i] == UInt8(ascii: "/") || bytes[i] == UInt8(ascii: "?") else { return false }
        let allowed = Set("-._~!$&'()*+,;=:@/?".utf8)
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2])
                else { return false }
                i += 3
                continue
            }
            guard isAlnum(b) || allowed.contains(b) else { return false }
            i += 1
        }
        return true
    }

    /// Whether `host` (a name, an IPv4 literal in any of the forms resolvers take, or a bracketed
    /// IPv6 literal) names this machine, a private network or a link-local destination.
    public static func isPrivate(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        return IPAddress(name)?.isPrivate ?? false
    }
}
