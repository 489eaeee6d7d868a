import Kernel
import Tenancy
@testable import CostData
import Foundation
import MariaDB
import TestSupport
import Testing

@Suite("Cost import", .enabled(if: TestDatabase.isAvailable))
struct CostImporterTests {
    let database: ThrowawayDatabase
    let db: Connection
    let organizationId: UUID
    let connection: CSPConnection

    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/focus-sample/focus_sample.csv")

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        let tenant = try Tenant.create(db, name: "Importers")
        organizationId = tenant.organization.id
        connection = tenant.connection
    }

    func run(_ bytes: [UInt8], name: String = "file.csv", chunk: Int = 1 << 16) throws -> ImportSummary {
        var offset = 0
        return try CostImporter(connection: db).run(
            ImportRequest(organizationId: organizationId, connectionId: connection.id, fileName: name, actor: nil, channel: .cli),
            read: { buffer in
                let n = min(buffer.count, chunk, bytes.count - offset)
                guard n > 0 else { return 0 }
                bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            })
    }

    func totals() throws -> (rows: Int, billed: Decimal) {
        let row = try #require(try db.query("""
            SELECT COUNT(*) AS n, COALESCE(SUM(billed_cost), 0) AS b FROM cost_line_items WHERE csp_connection_id = \(connection.id)
            """).first)
        return (row.int("n") ?? -1, row.decimal("b") ?? -1)
    }

    func sampleBytes() throws -> [UInt8] { Array(try Data(contentsOf: CostImporterTests.sample)) }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    @Test("the real FOCUS sample imports exactly, and importing it again changes nothing")
    func sampleTwice() throws {
        let first = try run(try sampleBytes(), name: "focus_sample.csv")
        #expect(first.rows == 1000)
        #expect(first.billingPeriods.map(\.iso) == ["2024-09-01", "2024-10-01"])
        #expect(first.billedTotal == Decimal(string: "20.52022672899")!)
        #expect(first.effectiveTotal == Decimal(string: "14.97651418586")!)
        #expect(first.rowsByProvider == ["AWS": 942, "Microsoft": 51, "Oracle": 7])
        #expect(first.warnings.count == 2)
        #expect(first.servicesAdded.contains("Amazon Simple Queue Service"))
        let second = try run(try sampleBytes(), name: "focus_sample.csv", chunk: 997)
        #expect(second.replacedRows == 1000)
        #expect(second.checksum == first.checksum)
        #expect(try totals() == (1000, Decimal(string: "20.52022672899")!))
        let recorded = try db.query("SELECT status, row_count FROM cost_imports WHERE csp_connection_id = \(connection.id) ORDER BY id")
        #expect(recorded.map { "\($0["status"]!):\($0["row_count"]!)" } == ["completed:1000", "completed:1000"])
    }

    @Test("gzip files, several members too, import like the CSV they hold")
    func gzipped() throws {
        let bytes = try sampleBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let half = lines.count / 2
        let firstHalf = Array((lines[..<half].joined(separator: "\n") + "\n").utf8)
        let secondHalf = Array(lines[half...].joined(separator: "\n").utf8)
        let concatenated = try Self.gzip(firstHalf) + Self.gzip(secondHalf)
        let summary = try run(concatenated, name: "focus.csv.gz", chunk: 4096)
        #expect(summary.compressed)
        #expect(summary.rows == 1000)
        #expect(summary.billedTotal == Decimal(string: "20.52022672899")!)
        #expect(throws: ImportError.self) { _ = try run(Array(try Self.gzip(bytes).dropLast(100))) }
    }

    @Test("a file with bad rows changes nothing and says where")
    func badRows() throws {
        _ = try run(try sampleBytes())
        var lines = String(decoding: try sampleBytes(), as: UTF8.self).components(separatedBy: "\n")
        lines[40] = lines[40].replacingOccurrences(of: "\"USD\"", with: "\"EUR\"")
        lines[41] = lines[41].replacingOccurrences(of: "\"2024-09-01 00:00:00\"", with: "\"September\"")
        lines[42] = String(lines[42].dropLast(30))
        let error = #expect(throws: ImportError.self) { _ = try run(Array(lines.joined(separator: "\n").utf8)) }
        guard case .rows(let problems)? = error else { Issue.record("expected row problems"); return }
        // The cut row leaves a quote open; the reader notices on the next line, where the stray text is.
        #expect(problems.map(\.location) == ["line 41, column BillingCurrency", "line 42, column BillingPeriodStart", "line 44"])
        #expect(problems[0].problem.contains("this connection bills in USD"))
        #expect(try totals() == (1000, Decimal(string: "20.52022672899")!), "the earlier import is untouched")
        let failed = try db.query("SELECT problems FROM cost_imports WHERE status = 'failed' AND csp_connection_id = \(connection.id)")
        #expect(failed.count == 1)
        #expect(failed[0]["problems"]?.contains("line 41, column BillingCurrency") == true)
    }

    @Test("overlapping files never count a charge twice: a file replaces exactly its billing periods")
    func overlapping() throws {
        let header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,BillingCurrency\n"
        func row(_ month: String, _ cost: String) -> String {
            "\(month)-01 00:00:00,\(month)-28 00:00:00,\(month)-05 00:00:00,\(month)-06 00:00:00,S3,\(cost),\(cost),USD\n"
        }
        _ = try run(Array((header + row("2025-01", "10") + row("2025-02", "20")).utf8))
        _ = try run(Array((header + row("2025-02", "25") + row("2025-03", "30")).utf8))
        #expect(try totals() == (3, 65))
        let months = try db.query("SELECT billing_period_start AS p, SUM(billed_cost) AS b FROM cost_line_items GROUP BY p ORDER BY p")
        #expect(months.map { "\($0["p"]!)=\($0.decimal("b")!)" } == ["2025-01-01=10", "2025-02-01=25", "2025-03-01=30"])
    }

    @Test("tags are normalized at import: one set per distinct tags, and the rollups by tag and resource add up to the line items")
    func tagSets() throws {
        let header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,"
            + "BillingCurrency,ResourceId,Tags\n"
        func row(_ day: String, _ cost: String, _ resource: String, _ tags: String) -> String {
            "2025-01-01 00:00:00,2025-02-01 00:00:00,2025-01-\(day) 00:00:00,2025-01-\(day) 01:00:00,Amazon EC2,\(cost),\(cost),USD,"
                + "\(resource),\(tags)\n"
        }
        let engineering = #""{""user:Department"":""Engineering"",""Owner"":""ops""}""#
        let respelled = #""{""department"":""engineering "",""owner"":""ops""}""#
        let product = #""{""Department"":""product""}""#
        let file = header + row("01", "1.10", "i-1", engineering) + row("01", "2.20", "i-1", respelled) + row("02", "3.30", "i-2", product)
            + row("02", "0.40", "i-3", "") + row("03", "0.01", "i-3", #""{""Team"":""""}""#)
        _ = try run(Array(file.utf8))
        let sets = try db.query("SELECT id, tags FROM cost_tag_sets WHERE organization_id = \(organizationId) ORDER BY id")
        #expect(sets.count == 2, "the two spellings of the engineering tags are one set; an empty tag is no set")
        let values = try db.query("""
            SELECT v.tag_key, v.tag_value, v.display_value FROM cost_tag_values v JOIN cost_tag_sets s ON s.id = v.tag_set_id
            WHERE s.organization_id = \(organizationId) ORDER BY v.tag_set_id, v.tag_key
            """).map { "\($0["tag_key"]!)=\($0["tag_value"]!)/\($0["display_value"]!)" }
        #expect(values == ["department=engineering/Engineering", "owner=ops/ops", "department=product/product"])
        let untagged = try #require(try db.query("""
            SELECT COUNT(*) AS n FROM cost_line_items WHERE csp_connection_id = \(connection.id) AND tag_set_id IS NULL
            """).first?.int("n"))
        #expect(untagged == 2)
        let byTag = try db.query("""
            SELECT v.tag_value, SUM(r.billed_cost) AS cost FROM cost_tag_rollups r JOIN cost_tag_values v ON v.tag_set_id = r.tag_set_id
            WHERE r.csp_connection_id = \(connection.id) AND v.tag_key = 'department' GROUP BY v.tag_value ORDER BY v.tag_value
            """).map { "\($0["tag_value"]!) \(Decimal(string: $0["cost"]!)!)" }
        #expect(byTag == ["engineering 3.3", "product 3.3"])
        let resources = try db.query("""
            SELECT resource_id, tag_set_id, SUM(billed_cost) AS cost, SUM(line_count) AS n FROM cost_resource_rollups
            WHERE csp_connection_id = \(connection.id) GROUP BY resource_id, tag_set_id ORDER BY resource_id
            """).map { "\($0["resource_id"]!) \($0["tag_set_id"]! == "0" ? "untagged" : "tagged") \(Decimal(string: $0["cost"]!)!) \($0["n"]!)" }
        #expect(resources == ["i-1 tagged 3.3 2", "i-2 tagged 3.3 1", "i-3 untagged 0.41 2"])
    }

    @Test("the rollups the import sums as rows stream through are those a rebuild computes from the rows, however often they are flushed")
    func streamedRollups() throws {
        var importer = CostImporter(connection: db)
        importer.rollupGroupLimit = 7
        let bytes = try sampleBytes()
        var offset = 0
        _ = try importer.run(ImportRequest(organizationId: organizationId, connectionId: connection.id, fileName: "s.csv", actor: nil, channel: .cli),
                             read: { buffer in
                                 let n = min(buffer.count, bytes.count - offset)
                                 guard n > 0 else { return 0 }
                                 bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                                 offset += n
                                 return n
                             })
        func snapshot() throws -> [String] {
            try db.query("""
                SELECT CONCAT_WS('|', billing_period_start, month, service_id, billing_currency, HEX(resource_digest), tag_set_id,
                                 COALESCE(resource_id, ''), billed_cost, effective_cost, line_count) AS r FROM cost_resource_rollups
                WHERE csp_connection_id = \(connection.id)
                UNION ALL SELECT CONCAT_WS('|', billing_period_start, service_id, day, billing_currency, tag_set_id, billed_cost, effective_cost)
                FROM cost_tag_rollups WHERE csp_connection_id = \(connection.id)
                """).compactMap { $0["r"] }.sorted()
        }
        let streamed = try snapshot()
        #expect(streamed.count > 7, "the sample has more groups than the limit, so the sums were flushed and added up")
        try db.transaction { tx in try DailyRollups.rebuildAll(connectionId: connection.id, in: tx) }
        #expect(try snapshot() == streamed)
    }

    @Test("line items written without a tag set get theirs when the rollups are rebuilt")
    func backfill() throws {
        let tenant = try Tenant.create(db, name: "Backfill")
        try tenant.cost(db, service: "Amazon S3", day: "2025-03-02", billed: "1.50", resourceId: "b-1", tags: #"{"user:Project":"Core"}"#)
        try tenant.cost(db, service: "Amazon S3", day: "2025-03-03", billed: "2.25", resourceId: "b-1", tags: #"{"project":"core"}"#)
        let rows = try db.query("""
            SELECT l.tag_set_id, v.tag_key, v.tag_value FROM cost_line_items l JOIN cost_tag_values v ON v.tag_set_id = l.tag_set_id
            WHERE l.csp_connection_id = \(tenant.connection.id)
            """)
        #expect(rows.count == 2 && Set(rows.compactMap { $0["tag_set_id"] }).count == 1)
        #expect(rows.allSatisfy { $0["tag_key"] == "project" && $0["tag_value"] == "core" })
        let month = try #require(try db.query("""
            SELECT SUM(billed_cost) AS cost FROM cost_resource_rollups WHERE csp_connection_id = \(tenant.connection.id) AND month = '2025-03-01'
            """).first?.decimal("cost"))
        #expect(month == Decimal(string: "3.75"))
    }

    @Test("dates outside 2000–2100 and over-long text are problems of the file, not of the worker")
    func hostileValues() throws {
        let header = "BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
            + "BilledCost,EffectiveCost,BillingCurrency\n"
        let stacked = "a" + String(repeating: "\u{0301}", count: 300)  // one Character, 301 code points
        let rows = [
            "0000-01-01 00:00:00,0000-02-01 00:00:00,0000-01-05 00:00:00,0000-01-06 00:00:00,S3,Storage,AWS,1,1,USD",
            "9999-12-01 00:00:00,9999-12-31 00:00:00,9999-12-05 00:00:00,9999-12-06 00:00:00,S3,Storage,AWS,1,1,USD",
        ]
        let error = #expect(throws: ImportError.self) { _ = try run(Array((header + rows.joined(separator: "\n") + "\n").utf8)) }
        guard case .rows(let problems)? = error else { Issue.record("expected row problems"); return }
        #expect(problems.map(\.location).contains("line 2, column BillingPeriodStart"))
        #expect(problems.map(\.location).contains("line 3, column BillingPeriodStart"))
        #expect(try totals().0 == 0)

        // Long category and provider names are cut to their columns by code point, not refused by the database.
        let long = "2025-01-01 00:00:00,2025-02-01 00:00:00,2025-01-05 00:00:00,2025-01-06 00:00:00,S3,\(stacked),\(stacked),2,2,USD\n"
        let summary = try run(Array((header + long).utf8), name: stacked)
        #expect(summary.rows == 1)
        let stored = try db.query("SELECT CHAR_LENGTH(service_category) AS c, CHAR_LENGTH(provider_name) AS p FROM cost_line_items")
        #expect(stored.map { "\($0["c"]!)/\($0["p"]!)" } == ["100/100"])
    }

    struct UploadBrokeOff: Error {}

    @Test("an upload that breaks off midway changes nothing, whichever batch the writer was at")
    func readFailsMidway() throws {
        _ = try run(try sampleBytes())
        // Three times the sample, so several batches are written before the source fails.
        let header = String(decoding: try sampleBytes(), as: UTF8.self).split(separator: "\n", maxSplits: 1)
        let body = String(header[1])
        let bytes = Array((header[0] + "\n" + body + "\n" + body + "\n" + body).utf8)
        for failAt in [100, bytes.count / 2, bytes.count - 10] {
            var offset = 0
            #expect(throws: UploadBrokeOff.self) {
                _ = try CostImporter(connection: db).run(
                    ImportRequest(organizationId: organizationId, connectionId: connection.id, fileName: "broken", actor: nil, channel: .api),
                    read: { buffer in
                        guard offset < failAt else { throw UploadBrokeOff() }
                        let n = min(buffer.count, 4096, failAt - offset)
                        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                        offset += n
                        return n
                    })
            }
            #expect(try totals() == (1000, Decimal(string: "20.52022672899")!), "failing at byte \(failAt) left the earlier import as it was")
        }
    }

    @Test("files that are not FOCUS are refused with a reason", arguments: [
        ("", "it is empty"),
        ("just,a,header\n1,2,3\n", "lacks the FOCUS columns"),
        ("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,BilledCost,EffectiveCost,BillingCurrency\n",
         "no cost rows"),
    ])
    func notFOCUS(text: String, reason: String) {
        let error = #expect(throws: ImportError.self) { _ = try run(Array(text.utf8)) }
        #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
    }
}
