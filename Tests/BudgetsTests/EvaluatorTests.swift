@testable import Budgets
import Tenancy
import CostData
import Kernel
import Foundation
import JSON
import MariaDB
import Notifications
import TestSupport
import Testing

@Suite("Evaluator", .enabled(if: TestDatabase.isAvailable))
struct EvaluatorTests {
    let fixture: AlertFixture

    init() throws { fixture = try AlertFixture() }

    @Test("a breach is written with its event and one e-mail per recipient, once")
    func recordsOnce() throws {
        let budget = try fixture.budget()
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-10", billed: "650")
        let first = try fixture.evaluator().run(.all, now: fixture.now)
        #expect(first.budgets == 1 && first.breaches == 1 && first.messages == 2)
        let again = try fixture.evaluator().run(.budget(budget.id), now: fixture.now)
        #expect(again.breaches == 0 && again.messages == 0)

        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches WHERE budget_id = \(budget.id)") == 1)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM alert_outbox WHERE budget_id = \(budget.id) AND channel = 'email'") == 2)
        let events = try EventLog.events(organizationId: fixture.tenant.organization.id, after: 0, limit: 10, in: fixture.db)
        #expect(events.map(\.kind) == [.thresholdExceeded])
        let breach = try #require(events.first?.payload.objectValue?["breach"]?.objectValue)
        #expect(breach["thresholdPercentage"] == .number(JSONNumber(decimal: 60)))
        let stored = try #require(try fixture.db.query("""
            SELECT status, current_spend, last_evaluated_at FROM budget_evaluations WHERE budget_id = \(budget.id)
            """).first)
        #expect(stored["status"] == "warning" && stored.decimal("current_spend") == 650)
    }

    @Test("two thresholds reached at once make two breaches and one message per recipient, about the higher")
    func oneMessagePerRecipient() throws {
        let budget = try fixture.budget(recipients: ["a@example.com", "b@example.com", "c@example.com"])
        try fixture.tenant.cost(fixture.db, service: "Amazon S3", day: "2025-06-02", billed: "850.50")
        let report = try fixture.evaluator().run(.connection(fixture.tenant.connection.id), now: fixture.now)
        #expect(report.breaches == 2 && report.messages == 3)
        let events = try EventLog.events(organizationId: fixture.tenant.organization.id, after: 0, limit: 10, in: fixture.db)
        #expect(events.count == 1, "one event for the one alert")
        #expect(events.first?.payload.objectValue?["breaches"]?.arrayValue?.count == 2)
        #expect(events.first?.payload.objectValue?["breach"]?.objectValue?["thresholdPercentage"] == .number(JSONNumber(decimal: 80)))
        let subjects = try fixture.db.query("SELECT subject, body_text FROM alert_outbox WHERE budget_id = \(budget.id)")
        #expect(subjects.allSatisfy { $0["subject"]?.contains("80\u{202F}%") == true })
        #expect(subjects.allSatisfy { $0["body_text"]?.contains("Also reached now") == true })
    }

    @Test("the plain-text part is not HTML-escaped; the HTML part is")
    func plainTextUnescaped() throws {
        let budget = try fixture.budget(name: "Ops' & <Dev> budget", recipients: ["ops@example.com"])
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-10", billed: "650")
        _ = try fixture.evaluator().run(.budget(budget.id), now: fixture.now)
        let row = try #require(try fixture.db.query("SELECT body_text, body_html FROM alert_outbox WHERE budget_id = \(budget.id)").first)
        let text = try #require(row["body_text"])
        #expect(text.contains("Ops' & <Dev> budget") && !text.contains("&#39;") && !text.contains("&amp;"))
        #expect(row["body_html"]?.contains("Ops&#39; &amp; &lt;Dev&gt; budget") == true)
    }

    @Test("a rule re-armed by a higher amount fires again in the same period")
    func rearm() throws {
        let budget = try fixture.budget(amount: 1000)
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-10", billed: "700")
        _ = try fixture.evaluator().run(.all, now: fixture.now)
        var draft = budget.draft
        draft.amount = 2000
        draft.thresholdRules = budget.thresholdRules.map { $0.rebased(on: 2000) }
        try fixture.db.transaction { tx in try BudgetStore.update(budget, to: draft, by: fixture.tenant.admin.id, at: fixture.now, in: tx) }
        let rearmed = try fixture.evaluator().run(.budget(budget.id), now: fixture.now)
        #expect(rearmed.rearmed == 1 && rearmed.breaches == 0)
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-15", billed: "600")
        let again = try fixture.evaluator().run(.budget(budget.id), now: fixture.now)
        #expect(again.breaches == 1, "1,300 of 2,000 reaches the re-armed 60 % rule")
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches WHERE budget_id = \(budget.id)") == 2)
    }

    @Test("a budget whose alert cannot be written does not hold up the others")
    func oneBadBudget() throws {
        let bad = try fixture.budget(name: "Bad")
        let good = try fixture.budget(name: "Good")
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-10", billed: "650")
        // The server refuses this one budget's breaches, as a constraint or a full disk would.
        try fixture.db.executeSchemaChange(SQLQuery(sql: """
            CREATE TRIGGER refuse_bad BEFORE INSERT ON budget_threshold_breaches FOR EACH ROW
            IF NEW.budget_id = '\(bad.id.lowercasedString)' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF
            """))
        let report = try fixture.evaluator().run(.all, now: fixture.now)
        #expect(report.failed == 1 && report.breaches == 1 && report.messages == 2)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches WHERE budget_id = \(good.id)") == 1)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_evaluations") == 2, "both budgets' figures are stored")
        try fixture.db.executeSchemaChange("DROP TRIGGER refuse_bad")
        let next = try fixture.evaluator().run(.all, now: fixture.now)
        #expect(next.failed == 0 && next.breaches == 1, "the next pass catches up")
    }

    @Test("evaluators running at once on separate connections record each breach exactly once")
    func concurrentEvaluators() throws {
        var budgets: [Budget] = []
        for i in 0..<12 { budgets.append(try fixture.budget(name: "B\(i)", amount: Decimal(100 + i))) }
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-05", billed: "500")
        let configuration = fixture.database.configuration
        let now = fixture.now
        let errors = ThreadResults<String>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let connection = try Connection(configuration: configuration)
                _ = try Evaluator(connection: connection, templates: AlertFixture.templates, settings: BudgetAlertSettings(),
                                  logger: AlertFixture.logger)
                    .run(.all, now: now)
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches") == 24)
        #expect(try fixture.count("""
            SELECT COUNT(*) AS n FROM (SELECT rule_id FROM budget_threshold_breaches GROUP BY rule_id, period_start HAVING COUNT(*) > 1) d
            """) == 0)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM alert_outbox WHERE channel = 'email'") == 12 * 2)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM domain_events WHERE event_type = 'BudgetThresholdExceededEvent'") == 12,
                "one event per budget and evaluation, naming both thresholds")
    }

    @Test("a pass cut off from the database keeps what it committed and the next pass finishes exactly")
    func connectionLostMidPass() throws {
        for i in 0..<150 { try fixture.budget(name: "B\(i)", amount: 100, recipients: ["x\(i)@example.com"]) }
        try fixture.tenant.cost(fixture.db, service: "Amazon EC2", day: "2025-06-05", billed: "90")
        // 5 ms per breach: the pass lasts seconds, so the kill below lands inside it even on a busy machine.
        try fixture.db.executeSchemaChange("""
            CREATE TRIGGER slow_breaches BEFORE INSERT ON budget_threshold_breaches FOR EACH ROW SET @slept = SLEEP(0.005)
            """)
        let victim = try fixture.database.connect()
        let victimId = try #require(try victim.query("SELECT CONNECTION_ID() AS id").first?.int("id"))
        let now = fixture.now
        nonisolated(unsafe) let evaluator = fixture.evaluator(victim)
        let outcome = ThreadResults<String>()
        let finished = DispatchSemaphore(value: 0)
        Thread {
            do { _ = try evaluator.run(.all, now: now) } catch { outcome.append("\(error)") }
            finished.signal()
        }.start()
        // Kill the connection as soon as the pass has committed some of its breaches.
        var killed = false
        let deadline = Date().addingTimeInterval(30)
        while !killed, Date() < deadline {
            if try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches") >= 10 {
                try fixture.db.query(SQLQuery(sql: "KILL CONNECTION \(victimId)"))
                killed = true
            }
            usleep(1000)
        }
        finished.wait()
        try fixture.db.executeSchemaChange("DROP TRIGGER slow_breaches")
        #expect(killed)
        #expect(outcome.all.count == 1, "the pass reports the lost connection")
        let partial = try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches")
        #expect(partial < 300, "the pass was cut off before the end")

        _ = try fixture.evaluator().run(.all, now: fixture.now)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM budget_threshold_breaches") == 300)
        #expect(try fixture.count("SELECT COUNT(*) AS n FROM alert_outbox") == 150, "one message per budget: nothing lost, nothing twice")
        let events = try EventLog.events(organizationId: fixture.tenant.organization.id, after: 0, limit: 1000, in: fixture.db)
        let announced = events.flatMap { $0.payload.objectValue?["breaches"]?.arrayValue ?? [] }.compactMap { $0.objectValue?["id"] }
        #expect(events.count == 150 && announced.count == 300, "every breach is in its budget's one event")
    }
}
