@testable import BudgetWeb
import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB
import Sodium
import TestSupport
import Testing

/// Deleting a budget through the API, with what hangs off it.
@Suite("Deleting a budget", .enabled(if: TestDatabase.isAvailable))
struct BudgetDeletionTests {
    @Test("e-mails still waiting are cancelled; ones sent stay sent; webhook events still go out")
    func waitingEmailsAreCancelled() throws {
        let app = try TestApplication()
        let db = try app.database.connect()
        let (organization, admin) = try MariaDBOrganizationRepository(connection: db).create(
            name: "Deleters", adminEmail: "deleter@example.com", adminPasswordHash: try PasswordHash.hash("a long password"), createdBy: nil)
        let connection = try MariaDBConnectionRepository(connection: db).create(
            organizationId: organization.id, name: "AWS", provider: .aws, currency: "USD", createdBy: admin.id)
        let draft = BudgetDraft(
            organizationId: organization.id, cspConnectionId: connection.id, name: "Doomed", timeRange: .monthly, renewalType: .recurring,
            budgetType: .fixed, startMonth: LocalDate(iso: "2025-06-01")!, amount: 100, selectedServiceIds: [],
            thresholdRules: [.percentage(80, of: 100, trigger: .actualSpend)], alertRecipients: ["a@example.com", "b@example.com"])
        let budgetId = try MariaDBBudgetRepository(connection: db).insert(draft, by: admin.id, at: app.clock.now)
        let outbox = MariaDBOutbox(connection: db)
        for recipient in ["a@example.com", "b@example.com"] {
            try outbox.enqueueEmail(organizationId: organization.id, budgetId: budgetId, breachId: 1, to: recipient, subject: "80 %",
                                    text: "t", html: "h", at: app.clock.now)
        }
        try db.execute("UPDATE alert_outbox SET status = 'delivered' WHERE recipient = 'a@example.com'")
        try outbox.enqueueWebhook(organizationId: organization.id, budgetId: budgetId, breachId: 1, eventId: UUID(),
                                  event: "BudgetThresholdExceededEvent", webhookId: UUID(), url: "https://hooks.example.com/x",
                                  payload: "{}", at: app.clock.now)

        let signIn = app.respond(.post, "/api/auth/token", json: ["email": "deleter@example.com", "password": "a long password"])
        let token = try #require(try JSONParser.parse(signIn.body)["token"]?.stringValue)
        #expect(app.respond(.delete, "/api/budgets/\(budgetId.lowercasedString)", token: token).status == .noContent)

        let rows = try db.query("SELECT channel, recipient, status FROM alert_outbox WHERE budget_id = \(budgetId) ORDER BY id")
        #expect(rows.map { "\($0["channel"]!) \($0["recipient"]!) \($0["status"]!)" } == [
            "email a@example.com delivered", "email b@example.com cancelled", "webhook https://hooks.example.com/x pending",
        ])
    }
}
