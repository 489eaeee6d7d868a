import Kernel
import Tenancy
@testable import CostData
import Foundation
import MariaDB
import TestSupport
import Testing

/// Values the database would refuse are refused by the importer first, naming their line and
/// column; what the database refuses all the same is found and named too, and never takes the
/// worker down.
@Suite("Cost import limits", .enabled(if: TestDatabase.isAvailable))
struct CostImporterLimitTests {
    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant

    static let header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,"
        + "BilledCost,EffectiveCost,BillingCurrency,Tags\n"

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
    }

    static func row(service: String = "S3", billed: String = "1.5", tags: String = "") -> String {
        let quoted = tags.isEmpty ? "" : "\"" + tags.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return "2025-01-01 00:00:00,2025-02-01 00:00:00,2025-01-05 00:00:00,2025-01-06 00:00:00,\(service),\(billed),\(billed),USD,\(quoted)\n"
    }

    func run(_ text: String) throws -> ImportSummary {
        let bytes = Array(text.utf8)
        var offset = 0
        return try CostImporter(connection: db).run(
            ImportRequest(organizationId: tenant.organization.id, connectionId: tenant.connection.id, fileName: "f.csv", actor: nil,
                          channel: .cli),
            read: { buffer in
                let n = min(buffer.count, bytes.count - offset)
                guard n > 0 else { return 0 }
                bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            })
    }

    func storedRows() throws -> Int {
        try db.query("SELECT COUNT(*) AS n FROM cost_line_items WHERE csp_connection_id = \(tenant.connection.id)").first?.int("n") ?? -1
    }

    static func nested(_ depth: Int) -> String {
        String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
    }

    @Test("Tags nested 31 levels import; 40 levels are a problem of line and column, before any row is written")
    func tagDepth() throws {
        let ok = try run(Self.header + Self.row(tags: Self.nested(31)))
        #expect(ok.rows == 1)
        let rows = (0..<1200).map { _ in Self.row() }.joined() + Self.row(tags: Self.nested(40))
        let error = #expect(throws: ImportError.self) { _ = try run(Self.header + rows) }
        guard case .rows(let problems)? = error else { Issue.record("expected row problems"); return }
        #expect(problems.map(\.location) == ["line 1202, column Tags"])
        #expect(problems[0].problem.contains("deeper than 31 levels"))
        #expect(try storedRows() == 1, "the earlier import is untouched")
    }

    @Test("a NUL inside a field is refused, naming the column")
    func nul() throws {
        let error = #expect(throws: ImportError.self) { _ = try run(Self.header + Self.row(service: "S\u{0}3")) }
        guard case .rows(let problems)? = error else { Issue.record("expected row problems"); return }
        #expect(problems.map(\.location) == ["line 2, column ServiceName"])
        #expect(try storedRows() == 0)
    }

    @Test("amounts with more than 11 decimals are rounded, and the summary says so")
    func roundedAmounts() throws {
        let summary = try run(Self.header + Self.row(billed: "0.1234567890123456789012345678901234") + Self.row(billed: "2"))
        #expect(summary.billedTotal == Decimal(string: "2.12345678901")!)
        #expect(summary.warnings.contains { $0.hasPrefix("1 row has an amount with more than 11 decimal places") })
    }

    @Test("a row the database refuses all the same is named by its line, and nothing is written")
    func refusedByTheDatabase() throws {
        // A rule only the database knows: the importer cannot have checked it.
        try db.executeSchemaChange("ALTER TABLE cost_line_items ADD CONSTRAINT ck_test_refused CHECK (service_name <> 'Refused')")
        defer { try? db.executeSchemaChange("ALTER TABLE cost_line_items DROP CONSTRAINT ck_test_refused") }
        let rows = (0..<700).map { _ in Self.row() }.joined() + Self.row(service: "Refused") + Self.row()
        let error = #expect(throws: ImportError.self) { _ = try run(Self.header + rows) }
        guard case .rows(let problems)? = error else { Issue.record("expected row problems, got \(String(describing: error))"); return }
        #expect(problems.map(\.location) == ["line 702"])
        #expect(problems[0].problem.contains("the database refused"))
        #expect(try storedRows() == 0)
        let failed = try db.query("SELECT problems FROM cost_imports WHERE status = 'failed' AND csp_connection_id = \(tenant.connection.id)")
        #expect(failed.count == 1)
    }

    @Test("the database failing mid-import ends the import cleanly, whichever side is ahead")
    func databaseFailsMidway() throws {
        // Another session kills this one once it has written rows: the importer's statements fail
        // while the reader thread is ahead, waiting for room in the queue.
        let rows = String(repeating: Self.row(), count: 50_000)
        let id = try #require(try db.query("SELECT CONNECTION_ID() AS id").first?.int("id"))
        let kill = Thread { [database] in
            guard let killer = try? database.connect() else { return }
            for _ in 0..<4000 {
                let busy = try? killer.query("""
                    SELECT ID FROM information_schema.PROCESSLIST WHERE ID = \(id) AND INFO LIKE 'INSERT INTO cost_line_items%'
                    """)
                if busy?.isEmpty == false { break }
                Thread.sleep(forTimeInterval: 0.002)
            }
            _ = try? killer.query("KILL \(id)")
        }
        kill.start()
        #expect(throws: MariaDBError.self) { _ = try run(Self.header + rows) }
        #expect(db.isBroken)
        let fresh = try database.connect()
        #expect(try fresh.query("SELECT COUNT(*) AS n FROM cost_line_items").first?.int("n") == 0)
    }
}
