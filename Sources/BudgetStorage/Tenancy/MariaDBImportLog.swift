import BudgetCore
public import Foundation
import JSON
public import MariaDB

/// One recorded cost import.
public struct ImportRecord: Sendable {
    /// The import's number in its organization (`importId` in the API).
    public var id: Int64
    public var channel: String
    public var createdByEmail: String?
    public var startedAt: Date
    public var fileName: String
    public var checksum: String?
    public var bytes: Int?
    public var rows: Int?
    public var billingPeriods: [String]
    public var billedTotal: Decimal?
    public var effectiveTotal: Decimal?
    public var status: String
    public var problems: [String]
}

/// The record of cost imports, read side (the importer writes it in its own transaction).
public struct MariaDBImportLog {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func recent(connectionId: UUID, limit: Int = 50) throws -> [ImportRecord] {
        try connection.query("""
            SELECT number, channel, created_by_email, started_at, file_name, checksum, bytes, row_count, billing_periods,
                   billed_total, effective_total, status, problems
            FROM cost_imports WHERE csp_connection_id = \(connectionId) AND status <> 'running' ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            ImportRecord(
                id: try row.required("number") { Int64($0) }, channel: try row.text("channel"), createdByEmail: row["created_by_email"],
                startedAt: try row.timestamp("started_at"), fileName: try row.text("file_name"), checksum: row["checksum"],
                bytes: row.int("bytes"), rows: row.int("row_count"),
                billingPeriods: row["billing_periods"].flatMap { try? JSONParser.parse($0) }?.arrayValue?.compactMap(\.stringValue) ?? [],
                billedTotal: row.decimal("billed_total"), effectiveTotal: row.decimal("effective_total"), status: try row.text("status"),
                problems: row["problems"].flatMap { try? JSONParser.parse($0) }?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }
}
