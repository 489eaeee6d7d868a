@testable import Allocation
import Foundation
import Kernel
import MariaDB
import Templating
import Tenancy
import TestSupport
import Testing

/// Dimensions, chargeback and statements against MariaDB: a refused dimension changes nothing, the
/// statement adds up to the line items, and each message of a statement's life is queued once, in
/// the transaction of what it announces.
@Suite("Dimensions and statements in MariaDB", .enabled(if: TestDatabase.isAvailable))
struct StatementStorageTests {
    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant
    let now = Date()
    static let templates: TemplateLibrary = try! TemplateLibrary(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path)

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
        for (day, service, resource, tags, billed) in [
            ("2025-06-02", "Amazon EC2", "i-1", #"{"user:Department":"Engineering"}"#, "100.005"),
            ("2025-06-03", "Amazon EC2", "i-2", #"{"Department":"product"}"#, "50.001"),
            ("2025-06-04", "Amazon S3", "b-1", nil, "9.999"),
        ] {
            try tenant.cost(db, service: service, day: day, billed: billed, resourceId: resource, tags: tags)
        }
    }

    var dimensions: DimensionService { DimensionService(db: db, now: now) }
    var statements: StatementService { StatementService(db: db, now: now, templates: Self.templates, publicURL: "https://budgetd.example") }
    var admin: Principal { tenant.admin.principal }
    let june = LocalDate(year: 2025, month: 6, day: 1)!

    func input(_ name: String = "Department", shares: [(String, String?)] = [("engineering", "70"), ("product", "30")]) -> DimensionInput {
        var input = DimensionInput()
        input.name = name
        input.tagKey = "Department"
        input.sharedServices = ["Amazon S3"]
        input.sharedMethod = "fixed"
        input.fixedShares = shares.map { (value: $0.0, percent: $0.1) }
        input.owners = [("product", "head@example.com")]
        return input
    }

    func outbox(to recipient: String) throws -> Int {
        try db.query("SELECT COUNT(*) AS n FROM alert_outbox WHERE recipient = \(recipient)").first?.int("n") ?? -1
    }

    @Test("a refused dimension names its fields and nothing is stored")
    func refused() throws {
        let error = #expect(throws: DomainError.self) {
            try dimensions.create(input(shares: [("engineering", "70"), ("product", "20")]), by: admin)
        }
        #expect(error?.fieldErrors.map(\.field) == ["fixedShares"])
        #expect(try dimensions.dimensions(for: admin).isEmpty)
    }

    @Test("the statement of a month adds up to its line items, rounded once, with the shared service split 70/30")
    func statement() throws {
        let dimension = try dimensions.create(input(), by: admin)
        let statement = try dimensions.chargeback(dimension, month: june, for: admin)
        let usd = try #require(statement.currencies.first)
        #expect(usd.total.plainText == "160.01", "100.005 + 50.001 + 9.999 = 160.005, rounded once")
        #expect(usd.lines.map(\.total).sum() == usd.total)
        #expect(usd.lines.map(\.shared.plainText) == ["7.00", "3.00"])
    }

    @Test("issuing queues one e-mail per owner; a dispute tells each admin once; the resolution tells the owner once")
    func lifecycle() throws {
        _ = try dimensions.create(input(), by: admin)
        let issued = try statements.issue(dimensionName: "department", month: june, by: admin)
        #expect(issued.version == 1 && issued.checksum.count == 64)
        #expect(try outbox(to: "head@example.com") == 1)
        let second = try statements.issue(dimensionName: "Department", month: june, by: admin)
        #expect(second.version == 2, "issuing again is the next version; the first stays as it was")
        #expect(try outbox(to: "head@example.com") == 2)

        let head = Principal(userId: UUID(), email: "head@example.com", organizationId: tenant.organization.id, role: .viewer,
                             isPlatformAdmin: false)
        let dispute = try statements.dispute(second.id, currency: nil, value: "Product", serviceName: nil, reason: "Not ours", by: head)
        #expect(try outbox(to: tenant.admin.email) == 1)
        #expect(throws: DomainError.self) { try statements.accept(second.id, currency: nil, value: "product", by: head) }
        #expect(throws: DomainError.self) {
            try statements.resolve(dispute: dispute.id, decision: "adjust", amount: "9999", toValue: "engineering", note: "x", by: admin)
        }
        let resolved = try statements.resolve(dispute: dispute.id, decision: "adjust", amount: "1.50", toValue: "Engineering", note: "Fair",
                                              by: admin)
        #expect(resolved.status == .adjusted && resolved.adjustment == Cents(150))
        #expect(try outbox(to: "head@example.com") == 3)
        let after = try statements.statement(second.id, for: admin)
        #expect(after.lines.map { after.adjustedTotal(of: $0) }.sum() == after.lines.map(\.total).sum())
        #expect(after.document == second.document && after.checksum == second.checksum)
        _ = try statements.accept(second.id, currency: "USD", value: "product", by: head)
        let kpis = try statements.kpis(for: admin)
        #expect(kpis.ownedLines == 0, "June 2025 is older than the last twelve months")
        #expect(StatementService.kpis(of: try statements.statements(for: admin)).acceptanceRate == 100)
    }
}
