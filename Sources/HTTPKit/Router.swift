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
        public let body: BodyMode
        public let handler: Handler
    }

    public enum Match {
        case found(Route, parameters: [String: String])
        /// The path exists, but not for this method; `allowed` goes into the `Allow` header.
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public private(set) var routes: [Route] = []
    /// The routes' patterns, in the same order: what matching reads.
    @usableFromInline var table = RouteTable()

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, body: BodyMode = .buffered, _ handler: @escaping Handler) {
        let index = table.add(method, segments: pattern.split(separator: "/"))
        assert(index == routes.count)
        routes.append(Route(method: method, pattern: pattern, body: body, handler: handler))
    }

    /// Finds the route for `method` and `segments`. HEAD is served by GET routes. Inlinable so that
    /// it is compiled for the caller's `Context`; the matching itself is `RouteTable`'s, not generic.
    @inlinable
    public func match(_ method: HTTPMethod, _ segments: [String]) -> Match {
        switch table.match(method, segments) {
        case .found(let index, let parameters): .found(routes[index], parameters: parameters)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
        case .notFound: .notFound
        }
    }
}
