public import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// One recorded cost import.
public struct ImportRecord: Sendable {
    public enum Status: String, Sendable { case running, completed, failed }

    /// The import's number in its organization (`importId` in the API).
    public var id: Int64
    public var channel: ImportRequest.Channel
    public var createdByEmail: String?
    public var startedAt: Date
    public var fileName: String
    public var checksum: String?
    public var bytes: Int?
    public var rows: Int?
    public var billingPeriods: [String]
    public var billedTotal: Decimal?
    public var effectiveTotal: Decimal?
    public var status: Status
    public var problems: [String]
    /// What the import warned about (rows of another provider, amounts rounded).
    public var warnings: [String]
    /// Services the import added to the connection's catalogue.
    public var servicesAdded: [String]
    /// Line items of earlier imports it replaced, and the numbers of those imports.
    public var replacedRows: Int?
    public var replacedImports: [Int64]
}

/// The record of cost imports, read side (the importer writes it in its own transaction).
enum ImportLog {
    static func recent(connectionId: UUID, limit: Int = 50, in db: any SQLReading) throws -> [ImportRecord] {
        try db.query("""
            SELECT \(columns) FROM cost_imports
            WHERE csp_connection_id = \(connectionId) AND status <> 'running' ORDER BY id DESC LIMIT \(limit)
            """).map(record)
    }

    /// The import numbered `number` in the connection's organization, if it went into this connection.
    static func find(number: Int64, connectionId: UUID, in db: any SQLReading) throws -> ImportRecord? {
        try db.query("""
            SELECT \(columns) FROM cost_imports WHERE csp_connection_id = \(connectionId) AND number = \(number) AND status <> 'running'
            """).first.map(record)
    }

    private static let columns = SQLQuery(sql: """
        number, channel, created_by_email, started_at, file_name, checksum, bytes, row_count, billing_periods, billed_total,
        effective_total, status, problems, warnings, services_added, replaced_rows, replaced_imports
        """)

    private static func record(_ row: Row) throws -> ImportRecord {
        ImportRecord(
            id: try row.required("number") { Int64($0) }, channel: try row.enumeration("channel", as: ImportRequest.Channel.self),
            createdByEmail: row["created_by_email"],
            startedAt: try row.timestamp("started_at"), fileName: try row.text("file_name"), checksum: row["checksum"],
            bytes: row.int("bytes"), rows: row.int("row_count"),
            billingPeriods: strings(row["billing_periods"]),
            billedTotal: row.decimal("billed_total"), effectiveTotal: row.decimal("effective_total"),
            status: try row.enumeration("status", as: ImportRecord.Status.self),
            problems: strings(row["problems"]), warnings: strings(row["warnings"]), servicesAdded: strings(row["services_added"]),
            replacedRows: row.int("replaced_rows"),
            replacedImports: row["replaced_imports"].flatMap { try? JSONParser.parse($0) }?.arrayValue?
                .compactMap { $0.numberValue.flatMap { Int64($0.text) } } ?? [])
    }

    /// A JSON array of strings as stored; empty when missing.
    private static func strings(_ text: String?) -> [String] {
        text.flatMap { try? JSONParser.parse($0) }?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
