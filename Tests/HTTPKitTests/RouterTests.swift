import HTTPKit
import Testing

/// The router and its groups: matching, 405s, path values, middleware order. Pure, no sockets.
@Suite("Router")
struct RouterTests {
    struct Caller: Sendable { let name: String }

    func router(_ build: (RouterBuilder<String>) -> Void) -> Router<String> {
        let builder = RouterBuilder<String>()
        build(builder)
        return builder.router
    }

    func answer(_ router: Router<String>, _ method: HTTPMethod, _ path: String, context: String = "thread") throws -> String? {
        var request = Request(method: method, path: path)
        guard case .found(let route, let parameters) = router.match(method, request.segments) else { return nil }
        request.parameters = parameters
        return String(decoding: try route.handler(request, context).body, as: UTF8.self)
    }

    @Test("literal segments win over parameters, whatever the order routes were added in")
    func literalsWin() throws {
        let router = router { builder in
            builder.root.get("/budgets/:id") { request, _ in .text("show \(request.parameters["id"]!)") }
            builder.root.get("/budgets/new") { _, _ in .text("new") }
        }
        #expect(try answer(router, .get, "/budgets/new") == "new")
        #expect(try answer(router, .get, "/budgets/42") == "show 42")
        #expect(try answer(router, .get, "/budgets/42/edit") == nil)
    }

    @Test("the root, paths longer than any route, and the most literal of several parameter patterns")
    func lengthsAndSpecificity() throws {
        let router = router { builder in
            builder.root.get("/") { _, _ in .text("root") }
            builder.root.get("/reports/:kind/:period") { request, _ in .text("any \(request.parameters["kind"]!) \(request.parameters["period"]!)") }
            builder.root.get("/reports/monthly/:period") { request, _ in .text("monthly \(request.parameters["period"]!)") }
            builder.root.get("/reports/monthly/latest") { _, _ in .text("latest") }
        }
        #expect(try answer(router, .get, "/") == "root")
        #expect(try answer(router, .get, "/reports/monthly/latest") == "latest")
        #expect(try answer(router, .get, "/reports/monthly/2025-06") == "monthly 2025-06")
        #expect(try answer(router, .get, "/reports/weekly/2025-W24") == "any weekly 2025-W24")
        #expect(try answer(router, .get, "/reports/monthly/2025-06/budgets/1/2/3/4/5") == nil)
        #expect(try answer(router, .post, "/reports/monthly/latest") == nil)
    }

    @Test("a known path with another method is a 405 naming the allowed ones, HEAD with GET")
    func methodNotAllowed() {
        let router = router { builder in
            builder.root.get("/api/budgets") { _, _ in .text("list") }
            builder.root.post("/api/budgets") { _, _ in .text("create") }
        }
        guard case .methodNotAllowed(let allowed) = router.match(.delete, ["api", "budgets"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head, .post])
        guard case .found = router.match(.head, ["api", "budgets"]) else {
            Issue.record("HEAD is served by the GET route")
            return
        }
        guard case .notFound = router.match(.get, ["api", "nothing"]) else {
            Issue.record("expected 404")
            return
        }
    }

    @Test("a group's middleware runs in order, once per request, and a check can refuse")
    func middleware() throws {
        struct Refused: Error {}
        let router = router { builder in
            let signedIn = builder.root.map { request, thread in Caller(name: "\(thread):\(request.headers["x-user"] ?? "anonymous")") }
            let admins = signedIn.check { _, caller in if !caller.name.hasSuffix("admin") { throw Refused() } }
            signedIn.get("/me") { _, caller in .text(caller.name) }
            admins.get("/admin") { _, caller in .text("welcome \(caller.name)") }
        }
        #expect(try answer(router, .get, "/me") == "thread:anonymous")
        #expect(throws: Refused.self) { try answer(router, .get, "/admin") }
        var request = Request(method: .get, path: "/admin")
        request.headers["x-user"] = "admin"
        guard case .found(let route, _) = router.match(.get, request.segments) else {
            Issue.record("expected a route")
            return
        }
        #expect(String(decoding: try route.handler(request, "t").body, as: UTF8.self) == "welcome t:admin")
    }

    @Test("a path value parses or throws the error its caller chose")
    func pathValues() throws {
        struct NotANumber: Error {}
        var request = Request(method: .get, path: "/items/7")
        request.parameters = ["id": "7", "bad": "x7"]
        #expect(try request.parameter("id", as: Int.self, invalid: NotANumber()) == 7)
        #expect(throws: NotANumber.self) { try request.parameter("bad", as: Int.self, invalid: NotANumber()) }
        #expect(throws: NotANumber.self) { try request.parameter("missing", as: String.self, invalid: NotANumber()) }
    }
}
