@testable import HTTPKit
import JSON
import TestSupport
import Testing

@Suite("Application without sockets", .enabled(if: TestDatabase.isAvailable))
struct ApplicationTests {
    let app: TestApplication

    init() throws { app = try TestApplication() }

    @Test("unknown paths are 404, JSON under /api and HTML elsewhere")
    func notFound() throws {
        let api = app.respond(.get, "/api/nope")
        #expect(api.status == .notFound)
        #expect(try JSONParser.parse(api.body)["error"] == "not_found")
        let page = app.respond(.get, "/nope")
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.bodyText.contains("Not Found"))
    }

    @Test("a wrong method is 405 with Allow")
    func methodNotAllowed() {
        let response = app.respond(.delete, "/api/budgets")
        #expect(response.status == .methodNotAllowed)
        #expect(response.header("Allow") == "GET, HEAD, POST")
    }

    @Test("a body over the limit is 413 before any handler runs")
    func tooLarge() throws {
        let response = app.respond(.post, "/api/auth/token", body: Array(repeating: 0x20, count: (1 << 20) + 1),
                                   headers: ["content-type": "application/json"])
        #expect(response.status == .contentTooLarge)
        #expect(try JSONParser.parse(response.body)["error"] == "body_too_large")
    }

    @Test("HEAD is served by GET routes without a body")
    func head() {
        let response = app.respond(.head, "/livez")
        #expect(response.status == .ok)
        #expect(response.body.isEmpty)
    }

    @Test("malformed percent-encoding in the path or query is a 400")
    func malformed() {
        for uri in ["/api/x%2", "/x%zz", "/livez?a=%G1", "/%C3%28"] {
            #expect(throws: HTTPError.self, "\(uri)") {
                try Request(cgi: ["REQUEST_METHOD": "GET", "REQUEST_URI": uri,
                                  "QUERY_STRING": String(uri.split(separator: "?").dropFirst().first ?? "")])
            }
        }
        let ok = try? Request(cgi: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/a%2Fb/c%20d?x=1+2&y=%C3%A9", "QUERY_STRING": "x=1+2&y=%C3%A9"])
        #expect(ok?.segments == ["a/b", "c d"])
        #expect(ok?.query["x"] == "1 2")
        #expect(ok?.query["y"] == "é")
    }
}
