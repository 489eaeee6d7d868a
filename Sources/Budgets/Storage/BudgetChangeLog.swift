import Foundation
import JSON
import Kernel
import MariaDB
import Notifications

/// Records one change to a budget twice, inside the caller's transaction: in the audit trail,
/// for the people who read its history, and as a domain event, for the feed and its webhooks.
/// Every writer (the API, the pages, the demo loader) goes through here, so none forgets one.
enum BudgetChangeLog {
    /// - Parameters:
    ///   - before: the budget as it was; `nil` for a creation.
    ///   - after: the budget as it is now; `nil` for a deletion. A restoration has both: the
    ///     deleted budget before, the live one after.
    static func record(_ action: AuditEntry.Action, before: Budget?, after: Budget?, actor: Principal, at now: Date, in tx: Transaction) throws {
        guard let budget = after ?? before else { return }
        try AuditLog.record(action, before: before, after: after, actor: actor, at: now, in: tx)
        var payload: JSONObject = [
            "budget": BudgetEncoding.json(budget),
            "actor": ["userId": .string(actor.userId.lowercasedString), "email": .string(actor.email)],
        ]
        if action == .updated || action == .restored, let before { payload["before"] = BudgetEncoding.json(before) }
        try EventLog.append(action.eventKind, organizationId: budget.organizationId, budgetId: budget.id, at: now, payload: payload, in: tx)
    }
}

extension AuditEntry.Action {
    /// The spec's event for this kind of change.
    var eventKind: DomainEvent.Kind {
        switch self {
        case .created: .budgetCreated
        case .updated: .budgetUpdated
        case .deleted: .budgetDeleted
        case .restored: .budgetRestored
        }
    }
}
