import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

enum ReportAuditLog {
    static func record(_ action: ReportAuditEntry.Action, organizationId: UUID, month: LocalDate, budgetId: UUID? = nil, version: Int? = nil,
                       actor: Principal?, detail: JSONValue?, at now: Date, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO report_audit_log (organization_id, month, action, budget_id, version, actor_id, actor_email, detail, created_at)
            VALUES (\(organizationId), \(month), \(action.rawValue), \(budgetId), \(version), \(actor?.userId), \(actor?.email),
                    \(detail?.serialized), \(UTCTimestamp.sql(now)))
            """)
    }

    static func list(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [ReportAuditEntry] {
        try db.query("""
            SELECT id, month, action, budget_id, version, actor_email, detail, created_at FROM report_audit_log
            WHERE organization_id = \(organizationId) AND month = \(month) ORDER BY id DESC LIMIT 200
            """).map { row in
            ReportAuditEntry(
                id: try row.required("id") { Int64($0) }, month: try row.localDate("month"),
                action: try row.enumeration("action", as: ReportAuditEntry.Action.self), budgetId: row.optionalUUID("budget_id"),
                version: row.int("version"), actorEmail: row["actor_email"],
                detail: row["detail"].flatMap { try? JSONParser.parse(Array($0.utf8)) }, createdAt: try row.timestamp("created_at"))
        }
    }
}
