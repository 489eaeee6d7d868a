@testable import Budgets
import JSON
import Testing

/// The change history's lines, from snapshots of either encoding.
@Suite("Audit summary")
struct AuditSummaryTests {
    func snapshot(amount: Int, recipients: [JSONValue], services: [JSONValue] = []) -> JSONValue {
        .object([
            "name": "Prod", "amount": .number(JSONNumber(amount)), "timeRange": "monthly", "startMonth": "2025-06-01",
            "cspConnectionName": "AWS", "alertRecipients": .array(recipients), "selectedServices": .array(services),
            "thresholdRules": [["percentage": .number(JSONNumber(80)), "triggerType": "actual spend"]],
        ])
    }

    @Test("recipients and services are compared in today's encoding")
    func currentEncoding() {
        let before = snapshot(amount: 100, recipients: [["id": "1", "email": "a@example.com"]],
                              services: [["serviceName": "Amazon S3", "selected": true], ["serviceName": "Amazon EC2", "selected": false]])
        let after = snapshot(amount: 150, recipients: [["id": "1", "email": "a@example.com"], ["id": "2", "email": "b@example.com"]],
                             services: [["serviceName": "Amazon S3", "selected": false], ["serviceName": "Amazon EC2", "selected": false]])
        #expect(AuditSummary.changes(before: before, after: after) == [
            "amount: 100 → 150", "recipients: a@example.com → a@example.com, b@example.com", "services: Amazon S3 → all",
        ])
    }

    @Test("an entry written with plain-string recipients reads the same")
    func earlierEncoding() {
        let before = snapshot(amount: 100, recipients: ["a@example.com"], services: [["serviceName": "Amazon S3"]])
        let after = snapshot(amount: 100, recipients: [["id": "1", "email": "a@example.com"]],
                             services: [["serviceName": "Amazon S3", "selected": true]])
        #expect(AuditSummary.changes(before: before, after: after).isEmpty)
    }
}
