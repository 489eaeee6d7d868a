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
            "amount: $100.00 → $150.00", "recipients: a@example.com → a@example.com, b@example.com", "services: Amazon S3 → all",
        ])
    }

    @Test("tag filters: added, changed, removed; entries from before tag filters have none")
    func tags() {
        let none = snapshot(amount: 100, recipients: [])
        guard case .object(var members) = none else { return }
        members["tagFilters"] = [["key": "Department", "values": ["engineering", "product"]], ["key": "Team", "values": ["core"]]]
        let tagged = JSONValue.object(members)
        #expect(AuditSummary.changes(before: none, after: tagged) == ["tags: any → Department: engineering, product; Team: core"])
        #expect(AuditSummary.changes(before: tagged, after: none) == ["tags: Department: engineering, product; Team: core → any"])
        #expect(AuditSummary.changes(before: tagged, after: tagged).isEmpty)
    }

    @Test("an entry written with plain-string recipients reads the same")
    func earlierEncoding() {
        let before = snapshot(amount: 100, recipients: ["a@example.com"], services: [["serviceName": "Amazon S3"]])
        let after = snapshot(amount: 100, recipients: [["id": "1", "email": "a@example.com"]],
                             services: [["serviceName": "Amazon S3", "selected": true]])
        #expect(AuditSummary.changes(before: before, after: after).isEmpty)
    }

    @Test("money, months, periods and thresholds read as on the rest of the page")
    func formatted() {
        var before = snapshot(amount: 1250, recipients: [])
        var after = snapshot(amount: 1, recipients: [])
        guard case .object(var old) = before, case .object(var new) = after else { return }
        old["amount"] = .number(JSONNumber(text: "1250.5")!)
        new["amount"] = .number(JSONNumber(text: "0.6")!)
        new["currency"] = "JPY"
        old["currency"] = "JPY"
        new["timeRange"] = "quarterly"
        new["startMonth"] = "2025-07-01"
        new["thresholdRules"] = [["percentage": .number(JSONNumber(text: "82.5")!), "triggerType": "forecasted spend"]]
        before = .object(old)
        after = .object(new)
        #expect(AuditSummary.changes(before: before, after: after) == [
            "amount: ¥1,251 → ¥1", "period: monthly → quarterly", "start month: June 2025 → July 2025",
            "thresholds: 80\u{202F}% (actual spend) → 82.5\u{202F}% (forecasted spend)",
        ])
    }
}
