@testable import Budgets
import Foundation
import HTTPKit
import JSON
import Kernel
import MariaDB
@testable import Notifications
import Tenancy
import TestSupport
import Testing

/// Deleting a budget through the API, with what hangs off it.
@Suite("Deleting a budget", .enabled(if: TestDatabase.isAvailable))
struct BudgetDeletionTests {
    @Test("e-mails still waiting are cancelled; ones sent stay sent; webhook events still go out")
    func waitingEmailsAreCancelled() throws {
        let app = try TestApplication()
        let db = try app.database.connect()
        let tenant = try Tenant.create(db, name: "Deleters", adminEmail: "deleter@example.com", password: "a long password")
        let (organization, admin, connection) = (tenant.organization, tenant.admin, tenant.connection)
        let draft = BudgetDraft(
            organizationId: organization.id, cspConnectionId: connection.id, name: "Doomed", timeRange: .monthly, renewalType: .recurring,
            budgetType: .fixed, startMonth: LocalDate(iso: "2025-06-01")!, amount: 100, selectedServiceIds: [],
            thresholdRules: [.percentage(80, of: 100, trigger: .actualSpend)], alertRecipients: ["a@example.com", "b@example.com"])
        let now = app.clock.now
        let budgetId = try db.transaction { tx in
            let budgetId = try BudgetStore.insert(draft, by: admin.id, at: now, in: tx)
            for recipient in ["a@example.com", "b@example.com"] {
                try Outbox.enqueueEmail(organizationId: organization.id, budgetId: budgetId, breachId: 1, to: recipient, subject: "80 %",
                                        text: "t", html: "h", at: now, in: tx)
            }
            try tx.execute("UPDATE alert_outbox SET status = 'delivered' WHERE recipient = 'a@example.com'")
            try OutboxStore.enqueueWebhook(organizationId: organization.id, budgetId: budgetId, breachId: 1, eventId: UUID(),
                                           event: "BudgetThresholdExceededEvent", webhookId: UUID(), url: "https://hooks.example.com/x",
                                           payload: "{}", at: now, in: tx)
            return budgetId
        }

        let token = try app.token("deleter@example.com", "a long password")
        #expect(app.respond(.delete, "/api/budgets/\(budgetId.lowercasedString)", token: token).status == .noContent)

        let rows = try db.query("SELECT channel, recipient, status FROM alert_outbox WHERE budget_id = \(budgetId) ORDER BY id")
        #expect(rows.map { "\($0["channel"]!) \($0["recipient"]!) \($0["status"]!)" } == [
            "email a@example.com delivered", "email b@example.com cancelled", "webhook https://hooks.example.com/x pending",
        ])
    }
}
