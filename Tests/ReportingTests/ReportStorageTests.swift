@testable import Budgets
import CostData
import Foundation
import Kernel
import Logging
import Sodium
import MariaDB
@testable import Reporting
import Templating
import Tenancy
import TestSupport
import Testing

/// Reports against a throwaway MariaDB: figures read from the rollups the writes keep, explanations
/// and issued versions with a restatement, retention, and a distribution that four workers run at once.
@Suite("Reports against MariaDB", .enabled(if: TestDatabase.isAvailable))
struct ReportStorageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates: TemplateLibrary = try! TemplateLibrary(directory: repository.appendingPathComponent("templates").path)

    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant
    /// 2025-07-10: June 2025 is complete.
    let now = UTCTimestamp.parse("2025-07-10 12:00:00")!
    let settings = ReportSettings(publicURL: "https://budgetd.example", monthlySendDay: 3, sendHour: 6, retentionMonths: 24)

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
    }

    var service: ReportService { ReportService(db: db, now: now, settings: settings) }
    var admin: Principal { tenant.admin.principal }
    var editor: Principal {
        Principal(userId: UUID(), email: "editor@example.com", organizationId: tenant.organization.id, role: .editor, isPlatformAdmin: false)
    }

    @discardableResult
    func budget(_ name: String, amount: Decimal, timeRange: TimeRange = .monthly, services: [UUID] = []) throws -> Budget {
        let draft = BudgetDraft(
            organizationId: tenant.organization.id, cspConnectionId: tenant.connection.id, name: name, timeRange: timeRange,
            renewalType: .recurring, budgetType: .fixed, startMonth: LocalDate(iso: "2025-04-01")!, amount: amount, selectedServiceIds: services,
            thresholdRules: [.percentage(80, of: amount, trigger: .actualSpend)], alertRecipients: ["ops@example.com"])
        return try db.transaction { tx in
            let id = try BudgetStore.insert(draft, by: tenant.admin.id, at: now, in: tx)
            return try BudgetStore.find(id, organizationId: tenant.organization.id, in: tx)!
        }
    }

    func count(_ sql: SQLQuery) throws -> Int { try db.query(sql).first?.int("n") ?? -1 }

    @Test("the monthly report's figures come from the rollups, which the same transaction as the line items keeps")
    func figuresFromRollups() throws {
        try budget("Production", amount: 100)
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-02", billed: "40.004")
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-30", billed: "20.001")
        try tenant.cost(db, service: "Amazon S3", day: "2025-06-15", billed: "5.50")
        try tenant.cost(db, service: "Amazon S3", day: "2025-05-15", billed: "50.00")
        let june = try #require(try service.monthly(LocalDate(iso: "2025-06-01")!, for: admin).currencies.first)
        #expect(june.totalCost == Cents(6551))
        #expect(june.previousMonthCost == Cents(5000))
        #expect(june.services.map(\.serviceName) == ["Amazon EC2", "Amazon S3"])
        #expect(june.services.map(\.cost) == [Cents(6001), Cents(550)])
        #expect(june.budgets.first?.variance.percentage == dec("-34.49"))
        // Rebuilt from scratch, the rollups hold the same sums as the line items.
        let raw = try db.query("""
            SELECT COUNT(*) AS n, SUM(billed_cost) AS total FROM cost_line_items WHERE csp_connection_id = \(tenant.connection.id)
            """).first
        try db.transaction { tx in try DailyRollups.rebuildAll(connectionId: tenant.connection.id, in: tx) }
        let rolled = try db.query("""
            SELECT SUM(line_count) AS n, SUM(billed_cost) AS total FROM cost_daily_rollups WHERE csp_connection_id = \(tenant.connection.id)
            """).first
        #expect(raw?["n"] == rolled?["n"] && raw?["total"] == rolled?["total"])
    }

    @Test("issuing refuses an unexplained large variance, freezes version 1, and a restatement leads to version 2")
    func issueAndRestate() throws {
        let production = try budget("Production", amount: 100)
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-02", billed: "150")
        let june = LocalDate(iso: "2025-06-01")!
        #expect(throws: DomainError.self) { try service.issue(june, force: false, by: editor) }
        do {
            _ = try service.issue(june, force: false, by: admin)
            Issue.record("a large unexplained variance must refuse the issue")
        } catch let error as DomainError {
            #expect(error.code == .conflict && error.message.contains("Production"))
        }
        #expect(try service.versions(june, for: admin).isEmpty)

        try service.explain(june, budgetId: production.id, text: "  Launch traffic.  ", by: editor)
        let first = try service.issue(june, force: false, by: admin)
        #expect(first.version == 1 && first.issuedThrough == .admin && !first.forced)
        #expect(first.sha256 == Sodium.hex(SHA256.hash(Array(first.document.utf8))), "the digest is of the frozen document")
        let frozen = try service.version(june, number: 1, for: editor)
        #expect(frozen.document == first.document)
        #expect(try service.restatement(of: service.monthly(june, for: admin), for: admin)?.isRestated == false)

        try tenant.cost(db, service: "Amazon S3", day: "2025-06-20", billed: "12.40")
        let restated = try #require(try service.restatement(of: service.monthly(june, for: admin), for: admin))
        #expect(restated.isRestated && restated.version == 1)
        #expect(restated.differences.map(\.serviceName) == ["Amazon S3"] && restated.differences.map(\.amount) == [Cents(1240)])
        let second = try service.issue(june, force: false, by: admin)
        #expect(second.version == 2 && second.sha256 != first.sha256)
        #expect(try service.versions(june, for: admin).map(\.version) == [1, 2])
        let trail = try service.audit(june, for: admin)
        #expect(trail.map(\.action) == [.issued, .issued, .explained])

        // Another organization sees none of it.
        let other = try Tenant.create(db)
        #expect(try service.versions(june, for: other.admin.principal).isEmpty)
        #expect(throws: DomainError.self) { try service.explain(june, budgetId: production.id, text: "not ours", by: other.admin.principal) }
    }

    @Test("four workers distributing at once send each subscription's month once, and issue it once")
    func distributionOnce() throws {
        try budget("Production", amount: 100)
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-02", billed: "42")
        let created = UTCTimestamp.parse("2025-07-01 00:00:00")!
        let subscription = try ReportService(db: db, now: created, settings: settings)
            .subscribe(report: "monthly", email: "cfo@example.com", format: "full", by: admin)
        let second = try ReportService(db: db, now: created, settings: settings)
            .subscribe(report: "monthly", email: "board@example.com", format: "summary", by: admin)
        let distribution = ReportDistribution(templates: Self.templates, settings: settings, logger: Logger(label: "test"))
        let before = UTCTimestamp.parse("2025-07-03 05:59:59")!
        #expect(try distribution.run(db, now: before).queued == 0, "not due before the 3rd at 06:00")

        let due = UTCTimestamp.parse("2025-07-03 06:00:01")!
        let outcomes = ThreadResults<ReportDistribution.Outcome>()
        let errors = ThreadResults<String>()
        let configuration = database.configuration
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                outcomes.append(try distribution.run(try Connection(configuration: configuration), now: due))
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty)
        #expect(outcomes.all.count == 4)
        #expect(outcomes.all.map(\.queued).reduce(0, +) == 2, "one message per subscription")
        #expect(outcomes.all.map(\.issued).reduce(0, +) == 1, "two subscriptions to one month issue it once")
        #expect(try count("SELECT COUNT(*) AS n FROM report_deliveries WHERE subscription_id = \(second.id) AND version = 1") == 1)
        #expect(try count("SELECT COUNT(*) AS n FROM report_deliveries WHERE subscription_id = \(subscription.id) AND period = '2025-06'") == 1)
        #expect(try count("SELECT COUNT(*) AS n FROM alert_outbox WHERE recipient = 'cfo@example.com' AND attachment_name IS NOT NULL") == 1)
        let version = try #require(try service.versions(LocalDate(iso: "2025-06-01")!, for: admin).first)
        #expect(version.issuedThrough == .subscription && version.issuedByEmail == nil)
        #expect(try distribution.run(db, now: UTCTimestamp.parse("2025-07-20 06:00:00")!).queued == 0, "the same month is not sent again")
        let august = try distribution.run(db, now: UTCTimestamp.parse("2025-08-03 06:00:01")!)
        #expect(august.queued == 2 && august.issued == 1, "July for both (issued once), June not again")
    }

    @Test("a mail never names a version whose figures it does not carry: one issued to date or restated since gets a successor")
    func mailNamesItsFigures() throws {
        try budget("Production", amount: 100)
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-02", billed: "42")
        let june = LocalDate(iso: "2025-06-01")!
        // Issued while June was running.
        _ = try ReportService(db: db, now: UTCTimestamp.parse("2025-06-20 12:00:00")!, settings: settings).issue(june, force: true, by: admin)
        try tenant.cost(db, service: "Amazon S3", day: "2025-06-25", billed: "12.40")
        _ = try ReportService(db: db, now: UTCTimestamp.parse("2025-07-01 00:00:00")!, settings: settings)
            .subscribe(report: "monthly", email: "cfo@example.com", format: "full", by: admin)
        let distribution = ReportDistribution(templates: Self.templates, settings: settings, logger: Logger(label: "test"))
        let outcome = try distribution.run(db, now: UTCTimestamp.parse("2025-07-03 06:00:01")!)
        #expect(outcome.queued == 1 && outcome.issued == 1)
        let versions = try service.versions(june, for: admin)
        #expect(versions.map(\.version) == [1, 2] && versions.last?.issuedThrough == .subscription)
        #expect(try count("SELECT COUNT(*) AS n FROM report_deliveries WHERE period = '2025-06' AND version = 2") == 1)
        let subject = try #require(try db.query("SELECT subject FROM alert_outbox WHERE recipient = 'cfo@example.com'").first?["subject"])
        #expect(subject.contains("(version 2)"))
    }

    @Test("issued versions older than the retention are dropped by the distribution pass")
    func retention() throws {
        try tenant.cost(db, service: "Amazon EC2", day: "2023-01-02", billed: "1")
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-02", billed: "1")
        let old = ReportService(db: db, now: UTCTimestamp.parse("2023-02-10 00:00:00")!, settings: settings)
        _ = try old.issue(LocalDate(iso: "2023-01-01")!, force: false, by: admin)
        _ = try service.issue(LocalDate(iso: "2025-06-01")!, force: false, by: admin)
        let distribution = ReportDistribution(templates: Self.templates, settings: settings, logger: Logger(label: "test"))
        let outcome = try distribution.run(db, now: now)
        #expect(outcome.pruned == 1)
        #expect(try service.versions(LocalDate(iso: "2023-01-01")!, for: admin).isEmpty)
        #expect(try service.versions(LocalDate(iso: "2025-06-01")!, for: admin).count == 1)
    }
}
