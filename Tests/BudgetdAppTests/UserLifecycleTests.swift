import BudgetdApp
import Foundation
import HTTPKit
import JSON
import Kernel
import MariaDB
import Tenancy
import TestSupport
import Testing
import Web

/// People over the API and the password pages: invitations and resets send one e-mail each whose
/// link works once and expires; deactivation shuts a user out at once, everywhere.
@Suite("Users: invitations, password resets, deactivation", .enabled(if: TestDatabase.isAvailable))
struct UserLifecycleTests {
    let app: TestApplication
    let db: Connection
    let tenant: Tenant
    let token: String

    init() throws {
        app = try TestApplication()
        db = try app.database.connect()
        tenant = try Tenant.create(db, name: "People", adminEmail: "people-admin@example.com", password: "a long password")
        token = try app.token("people-admin@example.com", "a long password")
    }

    /// The e-mails in the outbox to `address`, oldest first.
    func mails(to address: String) throws -> [String] {
        try db.query("SELECT body_text FROM alert_outbox WHERE recipient = \(address) ORDER BY id").compactMap { $0["body_text"] }
    }

    /// The token of the newest link e-mailed to `address`.
    func linkToken(to address: String) throws -> String {
        let text = try #require(try mails(to: address).last)
        return String(try #require(text.firstMatch(of: /password\/new\?token=([A-Za-z0-9_-]{43})/)?.1))
    }

    /// Opens a link as a browser does: the token moves into a cookie; returns that cookie.
    func open(linkToken: String) throws -> String {
        let moved = app.respond(.get, "/password/new?token=\(linkToken)")
        #expect(moved.status == .seeOther && moved.header("Location") == "/password/new")
        return try #require(PageSecurityTests.cookieValue(moved, PasswordPagesCookie.name))
    }

    func choose(_ password: String, confirmation: String? = nil, cookie: String) -> Response {
        let body = "password=\(PageRenderer.percentEncoded(password))&confirmation=\(PageRenderer.percentEncoded(confirmation ?? password))"
        return app.respond(.post, "/password/new", body: Array(body.utf8),
                           headers: ["content-type": "application/x-www-form-urlencoded", "cookie": "\(PasswordPagesCookie.name)=\(cookie)"])
    }

    func signInStatus(_ email: String, _ password: String) -> HTTPStatus {
        app.respond(.post, "/api/auth/token", json: ["email": .string(email), "password": .string(password)]).status
    }

    @Test("an invitation is one e-mail whose link sets the password once; it cannot sign in before, and the link dies with use")
    func invitation() throws {
        let created = app.respond(.post, "/api/users", json: ["email": "new.hire@example.com", "role": "editor"], token: token)
        #expect(created.status == .created)
        let user = try JSONParser.parse(created.body)
        #expect(user["status"]?.stringValue == "invited")
        #expect(created.header("Location") == "/api/users/\(user["id"]?.stringValue ?? "")")
        #expect(try mails(to: "new.hire@example.com").count == 1)
        #expect(signInStatus("new.hire@example.com", "any long password") == .unauthorized, "no password, no sign-in")

        let cookie = try open(linkToken: try linkToken(to: "new.hire@example.com"))
        let form = app.respond(.get, "/password/new", headers: ["cookie": "\(PasswordPagesCookie.name)=\(cookie)"])
        #expect(form.status == .ok && form.bodyText.contains("new.hire@example.com"))
        let mismatch = choose("correct horse battery", confirmation: "correct horse battery!", cookie: cookie)
        #expect(mismatch.status == .badRequest && mismatch.bodyText.contains("must be the same password as above"))
        #expect(signInStatus("new.hire@example.com", "correct horse battery") == .unauthorized, "a refused form changed nothing")

        let set = choose("correct horse battery", cookie: cookie)
        #expect(set.status == .seeOther && set.header("Location") == "/login")
        #expect(signInStatus("new.hire@example.com", "correct horse battery") == .ok)
        #expect(choose("another long password", cookie: cookie).status == .notFound, "a link works once")
        let forged = app.respond(.get, "/password/new?token=abc%3B%20Domain%3Devil.example")
        #expect(forged.status == .seeOther && PageSecurityTests.cookieValue(forged, PasswordPagesCookie.name) == "",
                "what is not a token's shape never goes into the cookie")
        let again = app.respond(.post, "/api/users/\(user["id"]?.stringValue ?? "")/invitation", token: token)
        #expect(again.status == .conflict, "someone with a password is not invited again")
    }

    @Test("an invitation expires after 7 days, and inviting again ends the earlier link")
    func invitationExpiry() throws {
        let created = app.respond(.post, "/api/users", json: ["email": "slow.reader@example.com", "role": "viewer"], token: token)
        let id = try #require(try JSONParser.parse(created.body)["id"]?.stringValue)
        let first = try open(linkToken: try linkToken(to: "slow.reader@example.com"))
        #expect(app.respond(.post, "/api/users/\(id)/invitation", token: token).status == .accepted)
        #expect(try mails(to: "slow.reader@example.com").count == 2)
        #expect(choose("a long password", cookie: first).status == .notFound, "the first link ended with the second invitation")
        let second = try open(linkToken: try linkToken(to: "slow.reader@example.com"))
        app.clock.advance(seconds: 7 * 86_400 + 1)
        #expect(app.respond(.get, "/password/new", headers: ["cookie": "\(PasswordPagesCookie.name)=\(second)"]).status == .notFound)
        #expect(choose("a long password", cookie: second).status == .notFound)
    }

    @Test("deactivating ends the user's token and session at once; reactivating lets the password in again")
    func deactivation() throws {
        let created = app.respond(.post, "/api/users", json: ["email": "leaver@example.com", "role": "editor", "password": "a long password"],
                                  token: token)
        let id = try #require(try JSONParser.parse(created.body)["id"]?.stringValue)
        let theirs = try app.token("leaver@example.com", "a long password")
        let (session, _) = try PageSecurityTests.signIn(app, email: "leaver@example.com", password: "a long password")
        #expect(app.respond(.get, "/api/me", token: theirs).status == .ok)

        let off = app.respond(.patch, "/api/users/\(id)", json: ["active": false], token: token)
        #expect(off.status == .ok)
        #expect(try JSONParser.parse(off.body)["status"]?.stringValue == "deactivated")
        #expect(app.respond(.get, "/api/me", token: theirs).status == .unauthorized, "the token stopped working at once")
        let page = app.respond(.get, "/budgets", headers: ["cookie": "budgetd_session=\(session)"])
        #expect(page.status == .seeOther && page.header("Location")?.hasPrefix("/login") == true, "so did the session")
        #expect(signInStatus("leaver@example.com", "a long password") == .unauthorized)
        #expect(try db.query("SELECT COUNT(*) AS n FROM sessions WHERE user_id = \(UUID(canonical: id)!)").first?.int("n") == 0)

        let on = app.respond(.patch, "/api/users/\(id)", json: ["active": true, "role": "viewer"], token: token)
        #expect(try JSONParser.parse(on.body)["status"]?.stringValue == "active")
        #expect(try JSONParser.parse(on.body)["role"]?.stringValue == "viewer")
        #expect(signInStatus("leaver@example.com", "a long password") == .ok)
    }

    @Test("admins cannot change or deactivate themselves; editors change nobody; another tenant's user is a 404")
    func whoMayChangeWhom() throws {
        let me = try #require(try JSONParser.parse(app.respond(.get, "/api/me", token: token).body)["id"]?.stringValue)
        #expect(app.respond(.patch, "/api/users/\(me)", json: ["active": false], token: token).status == .conflict)
        #expect(app.respond(.patch, "/api/users/\(me)", json: ["role": "viewer"], token: token).status == .conflict)
        #expect(app.respond(.patch, "/api/users/\(me)", json: ["role": "admin"], token: token).status == .ok, "keeping one's role is no change")

        _ = app.respond(.post, "/api/users", json: ["email": "ed@example.com", "role": "editor", "password": "a long password"], token: token)
        let editor = try app.token("ed@example.com", "a long password")
        #expect(app.respond(.patch, "/api/users/\(me)", json: ["active": false], token: editor).status == .forbidden)

        _ = try Tenant.create(db, name: "Elsewhere", adminEmail: "elsewhere@example.com", password: "a long password")
        let stranger = try app.token("elsewhere@example.com", "a long password")
        #expect(app.respond(.patch, "/api/users/\(me)", json: ["active": false], token: stranger).status == .notFound)
        #expect(app.respond(.get, "/api/users/\(me)", token: stranger).status == .notFound)
        let bad = app.respond(.patch, "/api/users/\(me)", json: ["active": "no", "role": "boss", "name": "x"], token: token)
        #expect(bad.status == .badRequest)
        let fields = try JSONParser.parse(bad.body)["fieldErrors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
        #expect(Set(fields) == ["active", "role", "name"])
    }

    @Test("a reset goes to each active account of the address, at most 3 an hour, expires in 30 minutes and signs out everywhere")
    func reset() throws {
        let other = try Tenant.create(db, name: "Second job", adminEmail: "people-admin@example.com", password: "other long password")
        let service = app.composed.tenancy.users(db, now: app.clock.now)
        for _ in 0..<5 { try service.requestReset(email: "People-Admin@example.com") }
        let resets = try db.query("""
            SELECT organization_id, COUNT(*) AS n FROM password_links WHERE purpose = 'reset' GROUP BY organization_id
            """).map { $0.int("n") }
        #expect(resets == [3, 3], "each of the two accounts got three links, not five")
        try service.requestReset(email: "nobody@example.com")
        try service.requestReset(email: "not an address")
        #expect(try mails(to: "nobody@example.com").isEmpty)

        let (session, _) = try PageSecurityTests.signIn(app, email: "people-admin@example.com", password: "a long password")
        let mine = try linkTokens(to: "people-admin@example.com", in: tenant.organization.id)
        let used = choose("brand new password", cookie: try open(linkToken: mine[2]))
        #expect(used.status == .seeOther)
        let page = app.respond(.get, "/budgets", headers: ["cookie": "budgetd_session=\(session)"])
        #expect(page.status == .seeOther, "setting a password signed the account out")
        #expect(signInStatus("people-admin@example.com", "brand new password") == .ok)
        #expect(signInStatus("people-admin@example.com", "other long password") == .ok, "the other organization's account kept its own")
        #expect(choose("third long password", cookie: try open(linkToken: mine[0])).status == .notFound, "the account's other links ended")

        let theirs = try linkTokens(to: "people-admin@example.com", in: other.organization.id)
        let cookie = try open(linkToken: theirs[2])
        app.clock.advance(seconds: 31 * 60)
        #expect(choose("brand new password", cookie: cookie).status == .notFound, "a reset link lasts 30 minutes")
    }

    /// The tokens of the links e-mailed to `address` by one organization, oldest first.
    func linkTokens(to address: String, in organizationId: UUID) throws -> [String] {
        try db.query("SELECT body_text FROM alert_outbox WHERE recipient = \(address) AND organization_id = \(organizationId) ORDER BY id")
            .compactMap { $0["body_text"]?.firstMatch(of: /password\/new\?token=([A-Za-z0-9_-]{43})/).map { String($0.1) } }
    }
}

/// The cookie the password pages keep a link's token in.
enum PasswordPagesCookie {
    static let name = "budgetd_password_link"
}
