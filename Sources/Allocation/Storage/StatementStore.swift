import Foundation
import Kernel
import MariaDB
import Persistence

/// Issued statements, their lines and their disputes.
enum StatementStore {
    static func insert(_ statement: IssuedStatement, organizationId: UUID, issuedBy: UUID?, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO allocation_statements (id, organization_id, dimension_id, dimension_name, month, version, document, checksum, issued_at,
                                               issued_by, issued_by_email)
            VALUES (\(statement.id), \(organizationId), \(statement.dimensionId), \(statement.dimension), \(statement.month), \(statement.version),
                    \(statement.document), \(statement.checksum), \(UTCTimestamp.sql(statement.issuedAt)), \(issuedBy), \(statement.issuedBy))
            """)
        guard !statement.lines.isEmpty else { return }
        try tx.execute(.insert(into: "allocation_statement_lines",
                               columns: ["statement_id", "currency", "value_key", "value", "total_cents", "owner_email", "status"],
                               rows: statement.lines.map { line in
                                   [statement.id.sqlValue, .text(line.currency), .text(line.key), .text(line.value), .int(line.total.value),
                                    line.ownerEmail.sqlValue, .text(line.status.rawValue)]
                               }))
    }

    /// The next version of a dimension's statement for a month; the dimension row is locked first
    /// (by the caller), so two issues at once get two numbers.
    static func nextVersion(organizationId: UUID, dimensionId: UUID, month: LocalDate, in tx: Transaction) throws -> Int {
        let row = try tx.query("""
            SELECT COALESCE(MAX(version), 0) AS latest FROM allocation_statements
            WHERE organization_id = \(organizationId) AND dimension_id = \(dimensionId) AND month = \(month)
            """).first
        return (row?.int("latest") ?? 0) + 1
    }

    /// Statements of the organization, newest month and version first; `latestOnly` keeps each
    /// dimension and month's latest version.
    static func list(organizationId: UUID, dimensionId: UUID? = nil, month: LocalDate? = nil, latestOnly: Bool = false,
                     in db: any SQLReading) throws -> [IssuedStatement] {
        var filter: SQLQuery = ""
        if let dimensionId { filter = filter + " AND s.dimension_id = \(dimensionId)" }
        if let month { filter = filter + " AND s.month = \(month)" }
        if latestOnly {
            filter = filter + """
                 AND s.version = (SELECT MAX(v.version) FROM allocation_statements v
                                  WHERE v.organization_id = s.organization_id AND v.dimension_id = s.dimension_id AND v.month = s.month)
                """
        }
        let rows = try db.query("""
            SELECT s.id, s.dimension_id, s.dimension_name, s.month, s.version, s.checksum, s.issued_at, s.issued_by_email
            FROM allocation_statements s WHERE s.organization_id = \(organizationId)\(filter)
            ORDER BY s.month DESC, s.dimension_name, s.version DESC LIMIT 500
            """)
        let ids = try rows.map { try $0.uuid("id") }
        let lines = try self.lines(of: ids, in: db)
        let disputes = try self.disputes(of: ids, in: db)
        return try rows.map { row in
            let id = try row.uuid("id")
            return try statement(row, document: "", lines: lines[id] ?? [], disputes: disputes[id] ?? [])
        }
    }

    static func find(_ id: UUID, organizationId: UUID, in db: any SQLReading, locking: Bool = false) throws -> IssuedStatement? {
        let lock: SQLQuery = locking ? " FOR UPDATE" : ""
        guard let row = try db.query("""
            SELECT id, dimension_id, dimension_name, month, version, document, checksum, issued_at, issued_by_email
            FROM allocation_statements WHERE id = \(id) AND organization_id = \(organizationId)\(lock)
            """).first else { return nil }
        return try statement(row, document: try row.text("document"), lines: try lines(of: [id], in: db)[id] ?? [],
                             disputes: try disputes(of: [id], in: db)[id] ?? [])
    }

    static func setStatus(_ status: IssuedStatement.LineStatus, statementId: UUID, currency: String, key: String, by email: String?, at now: Date,
                          in tx: Transaction) throws {
        try tx.execute("""
            UPDATE allocation_statement_lines SET status = \(status.rawValue), responded_at = \(UTCTimestamp.sql(now)), responded_by_email = \(email)
            WHERE statement_id = \(statementId) AND currency = \(currency) AND value_key = \(key)
            """)
    }

    static func insert(_ dispute: IssuedStatement.Dispute, organizationId: UUID, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO allocation_disputes (id, organization_id, statement_id, currency, value_key, service_name, reason, raised_at, raised_by_email)
            VALUES (\(dispute.id), \(organizationId), \(dispute.statementId), \(dispute.currency), \(dispute.key), \(dispute.serviceName),
                    \(dispute.reason), \(UTCTimestamp.sql(dispute.raisedAt)), \(dispute.raisedBy))
            """)
    }

    static func dispute(_ id: UUID, organizationId: UUID, in tx: Transaction) throws -> IssuedStatement.Dispute? {
        try tx.query("""
            SELECT id, statement_id, currency, value_key, service_name, reason, raised_at, raised_by_email, status, resolution, resolved_at,
                   resolved_by_email, adjustment_to_value_key, adjustment_cents
            FROM allocation_disputes WHERE id = \(id) AND organization_id = \(organizationId) FOR UPDATE
            """).first.map(dispute)
    }

    /// The statement a dispute of the organization belongs to.
    static func statementId(ofDispute id: UUID, organizationId: UUID, in db: any SQLReading) throws -> UUID? {
        try db.query("SELECT statement_id FROM allocation_disputes WHERE id = \(id) AND organization_id = \(organizationId)").first?
            .uuid("statement_id")
    }

    static func resolve(_ id: UUID, status: IssuedStatement.DisputeStatus, resolution: String, adjustmentTo: String?, adjustment: Cents?,
                        by email: String, at now: Date, in tx: Transaction) throws {
        try tx.execute("""
            UPDATE allocation_disputes SET status = \(status.rawValue), resolution = \(resolution), resolved_at = \(UTCTimestamp.sql(now)),
                resolved_by_email = \(email), adjustment_to_value_key = \(adjustmentTo), adjustment_cents = \(adjustment?.value)
            WHERE id = \(id) AND status = 'open'
            """)
    }

    // MARK: - Rows

    private static func lines(of ids: [UUID], in db: any SQLReading) throws -> [UUID: [IssuedStatement.Line]] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: [IssuedStatement.Line]] = [:]
        for row in try db.query("""
            SELECT statement_id, currency, value_key, value, total_cents, owner_email, status, responded_at, responded_by_email
            FROM allocation_statement_lines WHERE statement_id IN (\(list: ids)) ORDER BY currency, total_cents DESC, value
            """) {
            result[try row.uuid("statement_id"), default: []].append(IssuedStatement.Line(
                currency: try row.text("currency"), key: try row.text("value_key"), value: try row.text("value"),
                total: Cents(try row.required("total_cents") { Int64($0) }), ownerEmail: row["owner_email"],
                status: try row.required("status") { IssuedStatement.LineStatus(rawValue: $0) },
                respondedAt: row["responded_at"].flatMap(UTCTimestamp.parse), respondedBy: row["responded_by_email"]))
        }
        return result
    }

    private static func disputes(of ids: [UUID], in db: any SQLReading) throws -> [UUID: [IssuedStatement.Dispute]] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: [IssuedStatement.Dispute]] = [:]
        for row in try db.query("""
            SELECT id, statement_id, currency, value_key, service_name, reason, raised_at, raised_by_email, status, resolution, resolved_at,
                   resolved_by_email, adjustment_to_value_key, adjustment_cents
            FROM allocation_disputes WHERE statement_id IN (\(list: ids)) ORDER BY raised_at, id
            """) {
            let d = try dispute(row)
            result[d.statementId, default: []].append(d)
        }
        return result
    }

    private static func dispute(_ row: Row) throws -> IssuedStatement.Dispute {
        IssuedStatement.Dispute(
            id: try row.uuid("id"), statementId: try row.uuid("statement_id"), currency: try row.text("currency"), key: try row.text("value_key"),
            serviceName: row["service_name"], reason: try row.text("reason"), raisedAt: try row.timestamp("raised_at"),
            raisedBy: try row.text("raised_by_email"), status: try row.required("status") { IssuedStatement.DisputeStatus(rawValue: $0) },
            resolution: row["resolution"], resolvedAt: row["resolved_at"].flatMap(UTCTimestamp.parse), resolvedBy: row["resolved_by_email"],
            adjustmentTo: row["adjustment_to_value_key"], adjustment: row["adjustment_cents"].flatMap { Int64($0) }.map(Cents.init))
    }

    private static func statement(_ row: Row, document: String, lines: [IssuedStatement.Line],
                                  disputes: [IssuedStatement.Dispute]) throws -> IssuedStatement {
        IssuedStatement(id: try row.uuid("id"), dimensionId: try row.uuid("dimension_id"), dimension: try row.text("dimension_name"),
                        month: try row.localDate("month"), version: try row.required("version") { Int($0) }, document: document,
                        checksum: try row.text("checksum"), issuedAt: try row.timestamp("issued_at"), issuedBy: row["issued_by_email"],
                        lines: lines, disputes: disputes)
    }
}
