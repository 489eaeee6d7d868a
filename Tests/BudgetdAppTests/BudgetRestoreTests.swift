@testable import Budgets
import Foundation
import HTTPKit
import JSON
import Kernel
import MariaDB
import Tenancy
import TestSupport
import Testing

/// Undoing a deletion through the API: the budget as it was, under a new version, in its history
/// and the event feed; only a deleted budget of one's own organization, and never over a name taken since.
@Suite("Restoring a deleted budget", .enabled(if: TestDatabase.isAvailable))
struct BudgetRestoreTests {
    @Test("a deleted budget comes back as it was, once, audited; a live one or a name taken since is a 409; another tenant's a 404")
    func restore() throws {
        let app = try TestApplication()
        let db = try app.database.connect()
        let tenant = try Tenant.create(db, name: "Undoers", adminEmail: "undo@example.com", password: "a long password")
        _ = try Tenant.create(db, name: "Others", adminEmail: "other@example.com", password: "a long password")
        let token = try app.token("undo@example.com", "a long password")
        let stranger = try app.token("other@example.com", "a long password")
        let create: JSONValue = [
            "organizationId": .string(tenant.organization.id.lowercasedString), "cspConnectionId": .string(tenant.connection.id.lowercasedString),
            "name": "Regretted", "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-06-01", "budgetType": "fixed",
            "amount": .number(JSONNumber(250)), "selectedServiceIds": [.string(tenant.services["Amazon S3"]!.id.lowercasedString)],
            "thresholdRules": [["percentage": .number(JSONNumber(80)), "triggerType": "actual spend"]], "alertRecipients": ["finance@example.com"],
        ]
        let created = app.respond(.post, "/api/budgets", json: create, token: token)
        #expect(created.status == .created)
        let id = try #require(try JSONParser.parse(created.body)["id"]?.stringValue.flatMap(UUID.init(canonical:)))
        let path = "/api/budgets/\(id.lowercasedString)"

        #expect(app.respond(.post, "\(path)/restore", token: token).status == .conflict, "a live budget has nothing to restore")
        #expect(app.respond(.delete, path, token: token).status == .noContent)
        #expect(app.respond(.post, "\(path)/restore", token: stranger).status == .notFound)
        let restored = app.respond(.post, "\(path)/restore", token: token)
        #expect(restored.status == .ok)
        #expect(restored.header("ETag") == "\"3\"")
        let body = try JSONParser.parse(restored.body)
        #expect(body["name"]?.stringValue == "Regretted" && body["amount"]?.numberValue?.text == "250")
        #expect(body["selectedServices"]?.arrayValue?.count == 1 && body["thresholdRules"]?.arrayValue?.count == 1)
        #expect(app.respond(.get, path, token: token).status == .ok)
        #expect(app.respond(.post, "\(path)/restore", token: token).status == .conflict, "only once")

        let history = try JSONParser.parse(app.respond(.get, "\(path)/history", token: token).body)
        #expect(history["history"]?.arrayValue?.compactMap { $0["action"]?.stringValue } == ["restored", "deleted", "created"])
        let events = try db.query("SELECT event_type FROM domain_events WHERE budget_id = \(id) ORDER BY seq").compactMap { $0["event_type"] }
        #expect(events == ["BudgetCreatedEvent", "BudgetDeletedEvent", "BudgetRestoredEvent"])

        // Deleted again, and its name taken by a new budget: restoring would make two of one name.
        #expect(app.respond(.delete, path, headers: ["If-Match": "\"3\""], token: token).status == .noContent)
        #expect(app.respond(.post, "/api/budgets", json: create, token: token).status == .created)
        let clash = app.respond(.post, "\(path)/restore", token: token)
        #expect(clash.status == .conflict)
        #expect(try JSONParser.parse(clash.body)["fieldErrors"]?.arrayValue?.first?["field"]?.stringValue == "name")
        #expect(try BudgetStore.findDeleted(id, organizationId: tenant.organization.id, in: db) != nil, "the failed restore changed nothing")
    }
}
