public import Foundation
public import JSON
import Kernel
import MariaDB
import Persistence

/// One change to a budget: who, when, what, and the budget before and after.
public struct AuditEntry: Sendable {
    public enum Action: String, Sendable { case created, updated, deleted, restored }

    public var id: Int64
    public var budgetId: UUID
    public var action: Action
    public var actorId: UUID?
    public var actorEmail: String?
    public var occurredAt: Date
    public var before: JSONValue?
    public var after: JSONValue?
}

/// The budget audit trail, written in the transaction of the change it records.
enum AuditLog {
    static func record(_ action: AuditEntry.Action, before: Budget?, after: Budget?, actor: Principal, at now: Date, in tx: Transaction) throws {
        guard let budget = after ?? before else { return }
        try tx.execute("""
            INSERT INTO budget_audit_log (organization_id, budget_id, action, actor_id, actor_email, occurred_at, before_state, after_state)
            VALUES (\(budget.organizationId), \(budget.id), \(action.rawValue), \(actor.userId), \(actor.email), \(UTCTimestamp.sql(now)),
                    \(before.map { BudgetEncoding.json($0).serialized }), \(after.map { BudgetEncoding.json($0).serialized }))
            """)
    }

    /// The budget's history, newest first.
    static func entries(budgetId: UUID, organizationId: UUID, limit: Int = 100, in db: any SQLReading) throws -> [AuditEntry] {
        try db.query("""
            SELECT id, budget_id, action, actor_id, actor_email, occurred_at, before_state, after_state FROM budget_audit_log
            WHERE budget_id = \(budgetId) AND organization_id = \(organizationId) ORDER BY id DESC LIMIT \(limit)
            """).map { row in
            AuditEntry(
                id: try row.required("id") { Int64($0) }, budgetId: try row.uuid("budget_id"),
                action: try row.enumeration("action", as: AuditEntry.Action.self), actorId: row.optionalUUID("actor_id"),
                actorEmail: row["actor_email"], occurredAt: try row.timestamp("occurred_at"),
                before: row["before_state"].flatMap { try? JSONParser.parse($0) },
                after: row["after_state"].flatMap { try? JSONParser.parse($0) })
        }
    }
}
