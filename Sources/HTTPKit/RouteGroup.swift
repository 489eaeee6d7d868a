/// Collects routes while an application is put together; `router` is what serves them.
public final class RouterBuilder<Context>: @unchecked Sendable {
    public private(set) var router = Router<Context>()

    public init() {}

    func add(_ method: HTTPMethod, _ pattern: String, body: Router<Context>.BodyMode, _ handler: @escaping Router<Context>.Handler) {
        router.add(method, pattern, body: body, handler)
    }

    /// The group every other starts from: its handlers get the thread's context as it is.
    public var root: RouteGroup<Context, Context> { RouteGroup(builder: self, scope: { _, context in context }) }
}

/// Routes that share their middleware: what turns the worker thread's `Context` into the
/// `Scoped` value the handlers receive (the database handle, the signed-in caller, a checked
/// form), run once per request before the handler. Groups derive from groups, so a handler
/// states by its group what it needs, and never repeats the preamble itself.
public struct RouteGroup<Context, Scoped>: Sendable {
    public typealias Scope = @Sendable (Request, Context) throws -> Scoped
    public typealias Handler = @Sendable (Request, Scoped) throws -> Response

    let builder: RouterBuilder<Context>
    let scope: Scope

    init(builder: RouterBuilder<Context>, scope: @escaping Scope) {
        self.builder = builder
        self.scope = scope
    }

    /// A group whose handlers receive what `middleware` makes of this group's value.
    public func map<Next>(_ middleware: @escaping @Sendable (Request, Scoped) throws -> Next) -> RouteGroup<Context, Next> {
        let scope = self.scope
        return RouteGroup<Context, Next>(builder: builder, scope: { request, context in try middleware(request, try scope(request, context)) })
    }

    /// The same handlers' value, checked first (a role, a CSRF token); `check` throws to refuse.
    public func check(_ check: @escaping @Sendable (Request, Scoped) throws -> Void) -> RouteGroup<Context, Scoped> {
        map { request, scoped in
            try check(request, scoped)
            return scoped
        }
    }

    public func add(_ method: HTTPMethod, _ pattern: String, body: Router<Context>.BodyMode = .buffered, _ handler: @escaping Handler) {
        let scope = self.scope
        builder.add(method, pattern, body: body) { request, context in try handler(request, try scope(request, context)) }
    }

    public func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public func post(_ pattern: String, body: Router<Context>.BodyMode = .buffered, _ handler: @escaping Handler) {
        add(.post, pattern, body: body, handler)
    }
    public func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    public func patch(_ pattern: String, _ handler: @escaping Handler) { add(.patch, pattern, handler) }
    public func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }
}
