/// A resource-id pattern of an assignment rule: `*` stands for any run of characters (none too),
/// `?` for one, everything else for itself, case included (resource ids such as ARNs are
/// case-sensitive). Matched on Unicode scalars, without backtracking blow-up.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let scalars: [Unicode.Scalar]

    public init(_ pattern: String) {
        self.pattern = pattern
        scalars = Array(pattern.unicodeScalars)
    }

    public func matches(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        var p = 0, t = 0
        var star = -1, mark = 0
        while t < s.count {
            if p < scalars.count, scalars[p] == "?" || (scalars[p] != "*" && scalars[p] == s[t]) {
                p += 1
                t += 1
            } else if p < scalars.count, scalars[p] == "*" {
                star = p
                mark = t
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }
}
