/// Maps method and path to a handler, for a worker thread's context `Context`.
///
/// Patterns are written `/api/budgets/:id`; a `:name` segment matches any one segment and its
/// decoded value lands in `Request.parameters`. Literal segments win over parameters, so
/// `/budgets/new` and `/budgets/:id` can coexist. Routes are added through `RouteGroup`s, whose
/// middleware turns the thread's context into what the group's handlers need (Hummingbird's
/// `RouterGroup`), once per request.
public struct Router<Context>: Sendable {
    public typealias Handler = @Sendable (Request, Context) throws -> Response

    /// How a route takes its body.
    public enum BodyMode: Sendable {
        /// Read whole into `Request.body`, up to the configured limit (413 beyond it).
        case buffered
        /// Left in `Request.bodyStream` for the handler to read piece by piece, up to `limit` bytes.
        case streamed(limit: Int)
    }

    public struct Route: Sendable {
        public let method: HTTPMethod
        public let pattern: String
        let segments: [Segment]
        public let body: BodyMode
        public let handler: Handler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    public enum Match {
        case found(Route, parameters: [String: String])
        /// The path exists, but not for this method; `allowed` goes into the `Allow` header.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public private(set) var routes: [Route] = []
    /// The indices of `routes` by their number of segments: a request is compared with those only.
    private var bySegmentCount: [Int: [Int]] = [:]

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, body: BodyMode = .buffered, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map { part -> Segment in
            part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(String(part))
        }
        bySegmentCount[segments.count, default: []].append(routes.count)
        routes.append(Route(method: method, pattern: pattern, segments: segments, body: body, handler: handler))
    }

    /// Finds the route for `method` and `segments`. HEAD is served by GET routes.
    /// Routes are read in place, not copied: a copy retains each of their fields, on every request.
    public func match(_ method: HTTPMethod, _ segments: [String]) -> Match {
        var best: (index: Int, score: Int)?
        var allowed: [HTTPMethod] = []
        for index in bySegmentCount[segments.count] ?? [] {
            guard let score = Router.score(routes[index].segments, segments) else { continue }
            let routeMethod = routes[index].method
            if !allowed.contains(routeMethod) { allowed.append(routeMethod) }
            let methodMatches = routeMethod == method || (method == .head && routeMethod == .get)
            if methodMatches, best == nil || score > best!.score {
                best = (index, score)
            }
        }
        if let best {
            let route = routes[best.index]
            return .found(route, parameters: Router.parameters(route.segments, segments))
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.insert(.head, at: allowed.firstIndex(of: .get)! + 1) }
        return .methodNotAllowed(allowed: allowed)
    }

    /// The number of literal segments when `segments` fits `pattern`, so the most specific pattern
    /// wins; `nil` otherwise. Allocates nothing: it runs for every route on every request.
    private static func score(_ pattern: [Segment], _ segments: [String]) -> Int? {
        guard pattern.count == segments.count else { return nil }
        var score = 0
        for i in pattern.indices {
            if case .literal(let literal) = pattern[i] {
                guard literal == segments[i] else { return nil }
                score += 1
            }
        }
        return score
    }

    private static func parameters(_ pattern: [Segment], _ segments: [String]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            if case .parameter(let name) = part { parameters[name] = segment }
        }
        return parameters
    }
}
