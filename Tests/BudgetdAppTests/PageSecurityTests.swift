@testable import Budgets
import Foundation
import HTTPKit
import JSON
import Kernel
import MariaDB
import Tenancy
import TestSupport
import Testing
import Web

/// CSRF and escaping on the pages, checked through the application without a browser.
@Suite("Page security", .enabled(if: TestDatabase.isAvailable))
struct PageSecurityTests {
    let app: TestApplication
    let organizationId: UUID
    let connectionId: UUID
    let cookie: String
    let csrf: String

    init() throws {
        app = try TestApplication()
        let db = try app.database.connect()
        let tenant = try Tenant.create(db, name: "Pages", adminEmail: "pages-admin@example.com", password: "a long password")
        organizationId = tenant.organization.id
        connectionId = tenant.connection.id
        (cookie, csrf) = try PageSecurityTests.signIn(app, email: "pages-admin@example.com", password: "a long password")
    }

    /// Signs in through the form as a browser would; returns the session cookie and the CSRF token.
    static func signIn(_ app: TestApplication, email: String, password: String) throws -> (String, String) {
        let form = app.respond(.get, "/login")
        let nonce = try #require(cookieValue(form, "budgetd_login"))
        let token = try #require(form.bodyText.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let body = "csrf=\(token)&email=\(email)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2Fbudgets"
        let signedIn = app.respond(.post, "/login", body: Array(body.utf8),
                                   headers: ["content-type": "application/x-www-form-urlencoded", "cookie": "budgetd_login=\(nonce)"])
        #expect(signedIn.status == .seeOther)
        let session = try #require(cookieValue(signedIn, "budgetd_session"))
        let page = app.respond(.get, "/budgets", headers: ["cookie": "budgetd_session=\(session)"])
        let csrf = try #require(page.bodyText.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        return (session, String(csrf))
    }

    static func cookieValue(_ response: Response, _ name: String) -> String? {
        for (header, value) in response.headers where header == "Set-Cookie" && value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    func post(_ path: String, _ fields: [(String, String)]) -> Response {
        let body = fields.map { "\($0.0)=\(PageRenderer.percentEncoded($0.1))" }.joined(separator: "&")
        return app.respond(.post, path, body: Array(body.utf8),
                           headers: ["content-type": "application/x-www-form-urlencoded", "cookie": "budgetd_session=\(cookie)"])
    }

    var budgetFields: [(String, String)] {
        [("name", "Guarded"), ("cspConnectionId", connectionId.lowercasedString), ("timeRange", "monthly"), ("renewalType", "recurring"),
         ("budgetType", "fixed"), ("startMonth", "2025-06"), ("amount", "100"), ("withoutThresholds", "yes")]
    }

    func budgetCount() throws -> Int {
        try BudgetStore.list(organizationId: organizationId, in: try app.database.connect()).count
    }

    @Test("a form without the CSRF token, or with a wrong one, is 403 and changes nothing")
    func csrfIsChecked() throws {
        #expect(post("/budgets", budgetFields).status == .forbidden)
        #expect(post("/budgets", budgetFields + [("csrf", "forged")]).status == .forbidden)
        #expect(post("/budgets", budgetFields + [("csrf", String(csrf.dropLast()) + (csrf.hasSuffix("A") ? "B" : "A"))]).status == .forbidden)
        #expect(try budgetCount() == 0)
        let saved = post("/budgets", budgetFields + [("csrf", csrf)])
        #expect(saved.status == .seeOther)
        #expect(try budgetCount() == 1)
        #expect(post("/logout", []).status == .forbidden, "signing out needs the token too")
    }

    @Test("a budget without thresholds is saved only once confirmed, with what was typed kept meanwhile")
    func thresholdsAreAskedFor() throws {
        let asked = post("/budgets", budgetFields.filter { $0.0 != "withoutThresholds" } + [("csrf", csrf)])
        #expect(asked.status == .ok)
        #expect(asked.bodyText.contains("nobody will be alerted") && asked.bodyText.contains("value=\"Guarded\""))
        #expect(try budgetCount() == 0)
        #expect(post("/budgets", budgetFields + [("csrf", csrf)]).status == .seeOther)
        #expect(try budgetCount() == 1)
    }

    @Test("what people type is escaped on every page")
    func escaping() throws {
        let hostile = "<script>alert(1)</script>"
        let saved = post("/budgets", [("name", "<b>\"Q1\" & 'x'</b>"), ("cspConnectionId", connectionId.lowercasedString), ("timeRange", "monthly"),
                                      ("renewalType", "recurring"), ("budgetType", "fixed"), ("startMonth", "2025-06"), ("amount", "100"),
                                      ("alertRecipients", hostile), ("csrf", csrf)])
        #expect(saved.status == .badRequest, "the address is invalid")
        #expect(saved.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!saved.bodyText.contains(hostile))
        #expect(saved.bodyText.contains("value=\"&lt;b&gt;&quot;Q1&quot; &amp; &#39;x&#39;&lt;/b&gt;\""))
        let fixed = post("/budgets", [("name", "<b>x</b>"), ("cspConnectionId", connectionId.lowercasedString), ("timeRange", "monthly"),
                                      ("renewalType", "recurring"), ("budgetType", "fixed"), ("startMonth", "2025-06"), ("amount", "100"),
                                      ("withoutThresholds", "yes"), ("csrf", csrf)])
        #expect(fixed.status == .seeOther)
        let list = app.respond(.get, "/budgets", headers: ["cookie": "budgetd_session=\(cookie)"])
        #expect(list.bodyText.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(!list.bodyText.contains("<b>x</b>"))
    }

    @Test("signed out, pages redirect to the sign-in page and come back after it")
    func closedWhenSignedOut() {
        let response = app.respond(.get, "/budgets/new")
        #expect(response.status == .seeOther)
        #expect(response.header("Location") == "/login?next=/budgets/new")
        #expect(PageRenderer.safeNext("//evil.example/x") == "/budgets")
        #expect(PageRenderer.safeNext("https://evil.example") == "/budgets")
    }
}
