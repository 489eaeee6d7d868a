import BudgetdApp
import Foundation
import HTTPKit
import JSON
import Logging
import MariaDB
import Templating
import Tenancy
import Testing
import Web

/// The OpenAPI document against the routes the application registers: neither may change alone.
@Suite("OpenAPI document covers the routes")
struct OpenAPICoverageTests {
    let document: JSONValue
    let application: Application

    init() throws {
        let root = TestApplication.root
        let templates = try TemplateLibrary(directory: root.appendingPathComponent("templates").path)
        document = try JSONParser.parse(Array(try Data(contentsOf: root.appendingPathComponent("templates/api/openapi.json"))))
        // The routes only: nothing here connects to a database.
        let settings = AppSettings(database: ConnectionConfiguration(socket: "/nonexistent", user: "nobody", database: nil),
                                   tenancy: TenancySettings(secret: String(repeating: "s", count: 40)), openAPI: document)
        application = BudgetdApplication(settings: settings, templates: templates, logger: Logger(label: "test")).web
    }

    /// `GET /api/budgets/{id}` for every route under /api, and the two health checks.
    var served: Set<String> {
        Set(application.router.routes.compactMap { route in
            guard route.pattern.hasPrefix("/api/") || route.pattern == "/livez" || route.pattern == "/healthz" else { return nil }
            let path = route.pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            return "\(route.method.rawValue) /\(path)"
        })
    }

    var documented: Set<String> {
        var operations: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? JSONObject() {
            for (method, _) in item.objectValue ?? JSONObject() where ["get", "post", "put", "patch", "delete"].contains(method) {
                operations.insert("\(method.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test("every route is documented")
    func routesAreDocumented() {
        #expect(served.subtracting(documented).sorted() == [])
    }

    @Test("every documented operation is served")
    func documentedOperationsExist() {
        #expect(documented.subtracting(served).sorted() == [])
    }
}
