import BudgetdApp
import Foundation
@testable import HTTPKit
import JSON
import Logging
import MariaDB
import Synchronization
import Templating
import Tenancy
import TestSupport
import Testing
import Web

/// The application as the worker runs it (every feature, composed by `BudgetdApplication`), over
/// a throwaway database, called without a socket.
final class TestApplication: Sendable {
    let composed: BudgetdApplication
    var application: Application { composed.web }
    let database: ThrowawayDatabase
    let clock: Clock

    /// A clock the tests move; starts at 2025-06-15.
    final class Clock: Sendable {
        private let value = Mutex<Date>(Date(timeIntervalSince1970: 1_749_945_600))
        var now: Date { value.withLock { $0 } }
        func advance(seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(database: ThrowawayDatabase? = nil) throws {
        let database = try database ?? TestDatabase.create()
        self.database = database
        let templates = try TemplateLibrary(directory: Self.root.appendingPathComponent("templates").path)
        let openAPI = try JSONParser.parse(Array(try Data(contentsOf: Self.root.appendingPathComponent("templates/api/openapi.json"))))
        let clock = Clock()
        self.clock = clock
        let settings = AppSettings(database: database.configuration, tenancy: TenancySettings(secret: String(repeating: "s", count: 40)),
                                   openAPI: openAPI, clock: { clock.now })
        composed = BudgetdApplication(settings: settings, templates: templates, logger: Logger(label: "test"))
    }

    /// A context like a worker thread's.
    func context() -> ThreadContext { application.makeThreadContext() }

    func respond(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, body: [UInt8]? = nil, headers: [String: String] = [:],
                 token: String? = nil, context: ThreadContext? = nil) -> Response {
        var allHeaders = headers
        var bytes = body ?? []
        if let json {
            bytes = Array(json.serialized.utf8)
            allHeaders["content-type"] = "application/json"
        }
        allHeaders["content-length"] = String(bytes.count)
        if let token { allHeaders["authorization"] = "Bearer \(token)" }
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count == 2 ? Parameters(urlEncoded: Array(parts[1].utf8)) ?? Parameters() : Parameters()
        let request = Request(method: method, path: parts.first ?? path, query: query, headers: Headers(allHeaders),
                              cookies: Request.parseCookies(allHeaders["cookie"]))
        return application.respond(to: request, body: MemoryBodySource(bytes), context: context ?? self.context())
    }
}

extension TestApplication {
    /// A bearer token of a user, through `POST /api/auth/token`.
    func token(_ email: String, _ password: String) throws -> String {
        let answer = respond(.post, "/api/auth/token", json: ["email": .string(email), "password": .string(password)])
        return try #require(try JSONParser.parse(answer.body)["token"]?.stringValue)
    }
}
