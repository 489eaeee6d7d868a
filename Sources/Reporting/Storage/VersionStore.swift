import Foundation
import Kernel
import MariaDB
import Persistence

/// The issued versions of monthly reports.
enum VersionStore {
    static func list(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [IssuedVersion] {
        try db.query("""
            SELECT organization_id, month, version, sha256, issued_by_email, issued_at, issued_through, forced, '' AS document
            FROM report_versions WHERE organization_id = \(organizationId) AND month = \(month) ORDER BY version
            """).map(issued)
    }

    /// Each month of the organization with its latest issued version.
    static func latestByMonth(organizationId: UUID, in db: any SQLReading) throws -> [LocalDate: Int] {
        var result: [LocalDate: Int] = [:]
        for row in try db.query("""
            SELECT month, MAX(version) AS version FROM report_versions WHERE organization_id = \(organizationId) GROUP BY month
            """) {
            result[try row.localDate("month")] = Int(try row.text("version"))
        }
        return result
    }

    static func find(organizationId: UUID, month: LocalDate, version: Int, in db: any SQLReading) throws -> IssuedVersion? {
        try db.query("""
            SELECT organization_id, month, version, sha256, issued_by_email, issued_at, issued_through, forced, document
            FROM report_versions WHERE organization_id = \(organizationId) AND month = \(month) AND version = \(version)
            """).first.map(issued)
    }

    static func latest(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> IssuedVersion? {
        try db.query("""
            SELECT organization_id, month, version, sha256, issued_by_email, issued_at, issued_through, forced, document
            FROM report_versions WHERE organization_id = \(organizationId) AND month = \(month) ORDER BY version DESC LIMIT 1
            """).first.map(issued)
    }

    /// Holds the month's issue lock until the end of `tx`: the next issuer of the month waits here,
    /// so two issuers at once get 1 and 2, never 1 twice.
    static func lockMonth(organizationId: UUID, month: LocalDate, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO report_issue_locks (organization_id, month) VALUES (\(organizationId), \(month))
            ON DUPLICATE KEY UPDATE month = VALUES(month)
            """)
    }

    /// The next version number; call it under `lockMonth`.
    static func nextNumber(organizationId: UUID, month: LocalDate, in tx: Transaction) throws -> Int {
        let rows = try tx.query("""
            SELECT version FROM report_versions WHERE organization_id = \(organizationId) AND month = \(month) ORDER BY version DESC
            LIMIT 1 FOR UPDATE
            """)
        return (rows.first?.int("version") ?? 0) + 1
    }

    static func insert(organizationId: UUID, month: LocalDate, version: Int, document: String, sha256: String, by actor: Principal?,
                       through channel: IssuedVersion.Channel, forced: Bool, at now: Date, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO report_versions (organization_id, month, version, document, sha256, issued_by, issued_by_email, issued_at,
                                         issued_through, forced)
            VALUES (\(organizationId), \(month), \(version), \(document), \(sha256), \(actor?.userId), \(actor?.email),
                    \(UTCTimestamp.sql(now)), \(channel.rawValue), \(forced ? 1 : 0))
            """)
    }

    /// Removes versions of months before `month` (the retention limit); returns how many.
    static func prune(before month: LocalDate, in tx: Transaction) throws -> Int {
        try tx.execute("DELETE FROM report_versions WHERE month < \(month)")
    }

    private static func issued(_ row: Row) throws -> IssuedVersion {
        IssuedVersion(
            organizationId: try row.uuid("organization_id"), month: try row.localDate("month"), version: try row.required("version") { Int($0) },
            sha256: try row.text("sha256"), issuedByEmail: row["issued_by_email"], issuedAt: try row.timestamp("issued_at"),
            issuedThrough: try row.enumeration("issued_through", as: IssuedVersion.Channel.self), forced: row.bool("forced") ?? false,
            document: row["document"] ?? "")
    }
}
