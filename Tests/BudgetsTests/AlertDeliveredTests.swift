@testable import Budgets
import Foundation
import JSON
import Kernel
import MariaDB
import Notifications
import Tenancy
import TestSupport
import Testing

/// The spec's `BudgetAlertTriggeredEvent`: written once per delivered alert e-mail, in the
/// transaction that records the delivery.
@Suite("Alert delivered", .enabled(if: TestDatabase.isAvailable))
struct AlertDeliveredTests {
    let fixture: AlertFixture
    let folder: URL

    init() throws {
        fixture = try AlertFixture()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("budgetd-alerts-\(UUID().uuidString)")
    }

    @Test("each delivered alert e-mail is one BudgetAlertTriggeredEvent naming its breach and recipient")
    func oneEventPerDeliveredMail() throws {
        let budget = try fixture.budget(recipients: ["ops@example.com", "cfo@example.com"])
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-10", billed: "650")
        #expect(try fixture.evaluator().run(.all, now: fixture.now).messages == 2)
        let command = [AlertFixture.repository.appendingPathComponent("scripts/lib/sendmail-to-folder").path, folder.path, "-t", "-i"]
        let delivery = OutboxDelivery(settings: DeliverySettings(sendmail: command, retryDelay: .zero), logger: AlertFixture.logger,
                                      observers: [AlertDelivered()])
        #expect(try delivery.deliverDue(fixture.db, now: { Date() }).delivered == 2)
        #expect(try delivery.deliverDue(fixture.db, now: { Date() }) .delivered == 0, "nothing is sent twice")

        let events = try EventLog.events(organizationId: fixture.tenant.organization.id, after: 0, limit: 100, in: fixture.db)
            .filter { $0.kind == .alertTriggered }
        #expect(events.count == 2)
        let payloads = events.compactMap { $0.payload.objectValue }
        #expect(Set(payloads.compactMap { $0["recipient"]?.stringValue }) == ["ops@example.com", "cfo@example.com"])
        #expect(payloads.allSatisfy { $0["budgetId"]?.stringValue == budget.id.lowercasedString && $0["attempts"] == .number(JSONNumber(1)) })
        #expect(payloads.allSatisfy { $0["breachId"]?.numberValue != nil })
    }
}
