import Kernel
import Foundation
import Glibc

/// The addresses a host name resolves to, for refusing webhooks whose name points into a private
/// network (the URL check at registration sees only the name).
enum HostResolver {
    /// - Returns: every IPv4 and IPv6 address of `host`; empty when it does not resolve.
    static func addresses(of host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.trimmingCharacters(in: ["[", "]"]), nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var result: [IPAddress] = []
        var node = list
        while let info = node?.pointee {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            switch info.ai_family {
            case AF_INET:
                info.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var raw = address.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                }
            case AF_INET6:
                info.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                }
            default:
                break
            }
            let length = text.firstIndex(of: 0) ?? text.count
            if let parsed = IPAddress(String(decoding: text[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)) { result.append(parsed) }
            node = info.ai_next
        }
        return result
    }
}
