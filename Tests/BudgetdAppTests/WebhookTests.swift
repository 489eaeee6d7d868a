import BudgetdApp
import Foundation
import HTTPKit
import JSON
import Kernel
import MariaDB
@testable import Notifications
import Persistence
import Tenancy
import TestSupport
import Testing
import Web

/// Webhooks on the page and their deliveries over the API: the signing secret is shown once, by
/// the answer to the form, and the same form posted again registers nothing; deliveries are the
/// organization's own, newest first, without what was sent.
@Suite("Webhooks: the page and the deliveries", .enabled(if: TestDatabase.isAvailable))
struct WebhookTests {
    let app: TestApplication
    let db: Connection
    let tenant: Tenant
    let token: String
    let cookie: String
    let csrf: String
    static let url = "https://hooks.example.com/budgets"

    init() throws {
        app = try TestApplication()
        db = try app.database.connect()
        tenant = try Tenant.create(db, name: "Hooks", adminEmail: "hooks-admin@example.com", password: "a long password")
        token = try app.token("hooks-admin@example.com", "a long password")
        (cookie, csrf) = try PageSecurityTests.signIn(app, email: "hooks-admin@example.com", password: "a long password")
    }

    func get(_ path: String, cookie: String? = nil) -> Response {
        app.respond(.get, path, headers: ["cookie": "budgetd_session=\(cookie ?? self.cookie)"])
    }

    func post(_ path: String, _ fields: [(String, String)], cookie: String? = nil) -> Response {
        let body = fields.map { "\($0.0)=\(PageRenderer.percentEncoded($0.1))" }.joined(separator: "&")
        return app.respond(.post, path, body: Array(body.utf8),
                           headers: ["content-type": "application/x-www-form-urlencoded", "cookie": "budgetd_session=\(cookie ?? self.cookie)"])
    }

    func json(_ response: Response) throws -> JSONValue { try JSONParser.parse(response.body) }

    /// A webhook registered over the API; returns its id.
    func register(_ events: [String]? = nil) throws -> String {
        var body: JSONObject = ["url": .string(Self.url)]
        if let events { body["events"] = .array(events.map(JSONValue.string)) }
        let created = app.respond(.post, "/api/webhooks", json: .object(body), token: token)
        #expect(created.status == .created)
        return try #require(try json(created)["id"]?.stringValue)
    }

    /// A budget over the API, whose creation is an event for every webhook that wants it.
    func createBudget(_ name: String) {
        let body: JSONValue = [
            "organizationId": .string(tenant.organization.id.lowercasedString), "cspConnectionId": .string(tenant.connection.id.lowercasedString),
            "name": .string(name), "timeRange": "monthly", "renewalType": "recurring", "startMonth": "2025-06-01", "budgetType": "fixed",
            "amount": .number(JSONNumber(100)),
        ]
        #expect(app.respond(.post, "/api/budgets", json: body, token: token).status == .created)
    }

    @Test("the page registers a webhook and shows its secret once; the same form again registers nothing and shows no secret")
    func secretShownOnce() throws {
        let form = get("/webhooks")
        #expect(form.status == .ok && form.bodyText.contains("No webhook is registered yet"))
        let key = String(try #require(form.bodyText.firstMatch(of: /name="registrationKey" value="([A-Za-z0-9_-]+)"/)?.1))
        let fields = [("csrf", csrf), ("registrationKey", key), ("url", Self.url), ("events", "BudgetCreatedEvent"),
                      ("events", "BudgetDeletedEvent")]
        let created = post("/webhooks", fields)
        #expect(created.status == .created)
        #expect(created.header("Cache-Control") == "no-store")
        let rows = try db.query("SELECT id, secret, events FROM webhooks WHERE organization_id = \(tenant.organization.id)")
        #expect(rows.count == 1)
        let secret = try #require(rows.first?["secret"])
        let id = try #require(rows.first?.optionalUUID("id")).lowercasedString
        #expect(created.bodyText.contains(secret) && created.bodyText.contains("will not be shown again"))
        #expect(created.bodyText.contains("X-Budgetd-Signature") && created.bodyText.contains("HMAC-SHA256"))
        #expect(created.header("Location") == "/webhooks/\(id)")
        #expect(!created.headers.contains { $0.0 == "Set-Cookie" && $0.1.contains(secret) }, "the secret is in no cookie")

        let again = post("/webhooks", fields)
        #expect(again.status == .seeOther && again.header("Location") == "/webhooks/\(id)", "a reload posts the form again")
        #expect(!again.bodyText.contains(secret))
        #expect(try db.query("SELECT id FROM webhooks WHERE organization_id = \(tenant.organization.id)").count == 1)
        let shown = get("/webhooks/\(id)", cookie: cookie)
        #expect(shown.status == .ok && !shown.bodyText.contains(secret))
        let list = get("/webhooks")
        #expect(list.bodyText.contains(Self.url) && list.bodyText.contains("BudgetCreatedEvent, BudgetDeletedEvent"))
        #expect(!list.bodyText.contains(secret))
        let api = app.respond(.get, "/api/webhooks/\(id)", token: token)
        let read = try json(api)
        #expect(api.status == .ok && read["secret"] == nil && !api.bodyText.contains(secret))
        #expect(read["events"] == ["BudgetCreatedEvent", "BudgetDeletedEvent"])
    }

    @Test("a refused form comes back with what was typed and an error per field, and registers nothing")
    func refusedForm() throws {
        let refused = post("/webhooks", [("csrf", csrf), ("url", "ftp://hooks.example.com/x"), ("events", "BudgetCreatedEvent"),
                                         ("events", "NoSuchEvent")])
        #expect(refused.status == .badRequest)
        let page = refused.bodyText
        #expect(page.contains("value=\"ftp://hooks.example.com/x\"") && page.contains("id=\"url-error\""))
        #expect(page.contains("id=\"events-error\"") && page.contains("must be one of"))
        #expect(page.contains("value=\"BudgetCreatedEvent\" checked"), "the boxes stay checked")
        #expect(try db.query("SELECT id FROM webhooks WHERE organization_id = \(tenant.organization.id)").isEmpty)
        #expect(post("/webhooks", [("url", Self.url)]).status == .forbidden, "without the CSRF token")
    }

    @Test("deliveries are listed newest first with their status, attempts and last error, within the limit")
    func deliveries() throws {
        let id = try register(["BudgetCreatedEvent"])
        _ = try register(["BudgetDeletedEvent"])
        createBudget("First")
        createBudget("Second")
        let listed = app.respond(.get, "/api/webhooks/\(id)/deliveries", token: token)
        #expect(listed.status == .ok)
        let deliveries = try #require(try json(listed)["deliveries"]?.arrayValue)
        #expect(deliveries.count == 2, "the other webhook's deliveries are not this one's")
        let numbers = deliveries.compactMap { $0["id"]?.numberValue.flatMap { Int($0.text) } }
        #expect(numbers.count == 2 && numbers[0] > numbers[1], "newest first")
        let newest = try #require(deliveries.first)
        #expect(newest["event"]?.stringValue == "BudgetCreatedEvent" && newest["status"]?.stringValue == "pending")
        #expect(newest["attempts"]?.numberValue?.text == "0" && newest["lastError"] == .null && newest["deliveredAt"] == .null)
        #expect(newest.objectValue?.keys.sorted() == ["attempts", "createdAt", "deliveredAt", "event", "eventId", "id", "lastError", "status"])
        let eventIds = try db.query("SELECT event_id FROM domain_events WHERE organization_id = \(tenant.organization.id)")
            .compactMap { $0.optionalUUID("event_id")?.lowercasedString }
        #expect(eventIds.contains(newest["eventId"]?.stringValue ?? ""))

        // One attempt that failed, as the deliverer records it.
        let outboxId = try #require(try db.query("SELECT MAX(id) AS id FROM alert_outbox WHERE webhook_id = \(UUID(canonical: id)!)")
            .first?.int64("id"))
        let now = app.clock.now
        _ = try db.transaction { tx in
            _ = try OutboxStore.claim(outboxId, at: now.addingTimeInterval(60), leaseEnd: now.addingTimeInterval(600), in: tx)
            return try OutboxStore.markRetry(outboxId, attempt: 1, error: "webhook answered HTTP 503", next: now.addingTimeInterval(120), in: tx)
        }
        let one = app.respond(.get, "/api/webhooks/\(id)/deliveries?limit=1", token: token)
        let retried = try #require(try json(one)["deliveries"]?.arrayValue)
        #expect(retried.count == 1)
        #expect(retried.first?["attempts"]?.numberValue?.text == "1" && retried.first?["lastError"]?.stringValue == "webhook answered HTTP 503")
        let page = get("/webhooks/\(id)")
        #expect(page.status == .ok && page.bodyText.contains("webhook answered HTTP 503") && page.bodyText.contains("Retrying"))
        #expect(page.bodyText.contains(" UTC</time>"))

        for limit in ["0", "101", "", "abc", "1.5", "-1", "+5", "0020"] {
            let refused = app.respond(.get, "/api/webhooks/\(id)/deliveries?limit=\(limit)", token: token)
            #expect(refused.status == .badRequest, "limit=\(limit)")
            #expect(try json(refused)["fieldErrors"]?.arrayValue?.first?["field"]?.stringValue == "limit")
        }
        #expect(app.respond(.get, "/api/webhooks/\(id)/deliveries?limit=100", token: token).status == .ok)
    }

    @Test("another organization's webhook is a 404 everywhere; editors (and so viewers) may not see webhooks at all")
    func access() throws {
        let id = try register()
        let other = try Tenant.create(db, name: "Elsewhere", adminEmail: "hooks-other@example.com", password: "a long password")
        #expect(other.organization.id != tenant.organization.id)
        let stranger = try app.token("hooks-other@example.com", "a long password")
        for path in ["/api/webhooks/\(id)", "/api/webhooks/\(id)/deliveries", "/api/webhooks/\(UUID().lowercasedString)/deliveries",
                     "/api/webhooks/not-an-id/deliveries"] {
            #expect(app.respond(.get, path, token: path.contains(id) ? stranger : token).status == .notFound, "\(path)")
        }
        let (strangerCookie, strangerCSRF) = try PageSecurityTests.signIn(app, email: "hooks-other@example.com", password: "a long password")
        #expect(get("/webhooks/\(id)", cookie: strangerCookie).status == .notFound)
        #expect(post("/webhooks/\(id)/delete", [("csrf", strangerCSRF)], cookie: strangerCookie).status == .notFound)

        _ = app.respond(.post, "/api/users", json: ["email": "hooks-editor@example.com", "role": "editor", "password": "a long password"],
                        token: token)
        let editor = try app.token("hooks-editor@example.com", "a long password")
        #expect(app.respond(.get, "/api/webhooks/\(id)/deliveries", token: editor).status == .forbidden)
        #expect(app.respond(.get, "/api/webhooks/\(id)", token: editor).status == .forbidden)
        let (editorCookie, editorCSRF) = try PageSecurityTests.signIn(app, email: "hooks-editor@example.com", password: "a long password")
        #expect(get("/webhooks", cookie: editorCookie).status == .forbidden)
        #expect(get("/webhooks/\(id)", cookie: editorCookie).status == .forbidden)
        #expect(!get("/budgets", cookie: editorCookie).bodyText.contains("href=\"/webhooks\""), "no link for non-admins")
        #expect(get("/budgets").bodyText.contains("href=\"/webhooks\""), "admins have the link")
        #expect(post("/webhooks/\(id)/delete", [("csrf", editorCSRF)], cookie: editorCookie).status == .forbidden)

        let removed = post("/webhooks/\(id)/delete", [("csrf", csrf)])
        #expect(removed.status == .seeOther && removed.header("Location") == "/webhooks")
        #expect(app.respond(.get, "/api/webhooks/\(id)", token: token).status == .notFound)
    }
}
