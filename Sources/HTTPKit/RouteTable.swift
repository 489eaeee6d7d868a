/// The patterns of a router without their handlers, so that matching is plain code: the generic
/// `Router` used to walk routes of a type known only at run time, which cost a metadata lookup and
/// a value-witness copy per route per request (15.7 % of the worker's `/livez` samples in `perf`).
@usableFromInline
struct RouteTable: Sendable {
    @usableFromInline
    enum Match: Sendable {
        case found(index: Int, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private struct Entry: Sendable {
        let method: HTTPMethod
        /// A literal segment's text, or `nil` where the pattern takes a parameter.
        let literals: [String?]
        /// The parameter names, where `literals` is `nil`.
        let names: [String?]
        /// How specific the pattern is: the most literal segments win.
        let literalCount: Int
    }

    private var entries: [Entry] = []
    /// The entries by their number of segments: a request is compared with those only.
    private var bySegmentCount: [[Int]] = []

    @usableFromInline
    init() {}

    /// Adds a pattern whose segments are `literal` texts or `:name` parameters; returns its index.
    @usableFromInline
    mutating func add(_ method: HTTPMethod, segments: [Substring]) -> Int {
        let literals = segments.map { $0.hasPrefix(":") ? nil : String($0) }
        let names = segments.map { $0.hasPrefix(":") ? String($0.dropFirst()) : nil }
        while bySegmentCount.count <= segments.count { bySegmentCount.append([]) }
        bySegmentCount[segments.count].append(entries.count)
        entries.append(Entry(method: method, literals: literals, names: names, literalCount: literals.count { $0 != nil }))
        return entries.count - 1
    }

    /// The route for `method` and `segments`: the most specific pattern that fits (HEAD is served
    /// by GET), else the methods the path has, else nothing.
    @usableFromInline
    func match(_ method: HTTPMethod, _ segments: [String]) -> Match {
        guard segments.count < bySegmentCount.count else { return .notFound }
        var best = -1
        var bestScore = -1
        var allowed: [HTTPMethod] = []
        for index in bySegmentCount[segments.count] {
            let entry = entries[index]
            guard fits(entry, segments) else { continue }
            if !allowed.contains(entry.method) { allowed.append(entry.method) }
            let methodMatches = entry.method == method || (method == .head && entry.method == .get)
            if methodMatches && entry.literalCount > bestScore {
                best = index
                bestScore = entry.literalCount
            }
        }
        if best >= 0 { return .found(index: best, parameters: parameters(entries[best], segments)) }
        if allowed.isEmpty { return .notFound }
        if let get = allowed.firstIndex(of: .get), !allowed.contains(.head) { allowed.insert(.head, at: get + 1) }
        return .methodNotAllowed(allowed: allowed)
    }

    private func fits(_ entry: Entry, _ segments: [String]) -> Bool {
        for (literal, segment) in zip(entry.literals, segments) {
            if let literal, literal != segment { return false }
        }
        return true
    }

    private func parameters(_ entry: Entry, _ segments: [String]) -> [String: String] {
        guard entry.literalCount < segments.count else { return [:] }
        var parameters: [String: String] = [:]
        for (name, segment) in zip(entry.names, segments) {
            if let name { parameters[name] = segment }
        }
        return parameters
    }
}
