import CostData
import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

extension BudgetStore {
    /// Inserts a budget and its relations.
    /// - Throws: `.conflict` when a live budget of the connection has the same name.
    static func insert(_ draft: BudgetDraft, by actor: UUID, at now: Date, in tx: Transaction) throws -> UUID {
        let id = UUID()
        let timestamp = UTCTimestamp.sql(now)
        try tx.execute(
            """
            INSERT INTO t_budgets (id, organization_id, csp_connection_id, name, amount, time_range, renewal_type, budget_type,
                                   start_month, created_at, updated_at, created_by, updated_by, version)
            VALUES (\(id), \(draft.organizationId), \(draft.cspConnectionId), \(draft.name), \(draft.amount), \(draft.timeRange.rawValue),
                    \(draft.renewalType.rawValue), \(draft.budgetType.rawValue), \(draft.startMonth), \(timestamp), \(timestamp),
                    \(actor), \(actor), 1)
            """,
            conflict: nameTaken(draft.name))
        try replaceRules(of: id, with: draft.thresholdRules, keeping: [], in: tx)
        try replaceRecipients(of: id, with: draft.alertRecipients, keeping: [], in: tx)
        try replaceServices(of: id, with: draft.selectedServiceIds, in: tx)
        try insertTagFilters(of: id, draft.tagFilters, in: tx)
        return id
    }

    /// Writes `draft` over `current` (which the caller has locked) and bumps the version.
    /// Rules and recipients that stay the same keep their ids, so alerts already sent for a rule
    /// are not sent again just because the budget was edited.
    static func update(_ current: Budget, to draft: BudgetDraft, by actor: UUID, at now: Date, in tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE t_budgets SET name = \(draft.name), amount = \(draft.amount), time_range = \(draft.timeRange.rawValue),
                   renewal_type = \(draft.renewalType.rawValue), budget_type = \(draft.budgetType.rawValue),
                   start_month = \(draft.startMonth), updated_at = \(UTCTimestamp.sql(now)), updated_by = \(actor),
                   version = version + 1
            WHERE id = \(current.id) AND version = \(current.version)
            """,
            conflict: nameTaken(draft.name))
        try replaceRules(of: current.id, with: draft.thresholdRules, keeping: current.thresholdRules, in: tx)
        try replaceRecipients(of: current.id, with: draft.alertRecipients.map { $0 }, keeping: current.alertRecipients, in: tx)
        if draft.selectedServiceIds != current.selectedServices.map(\.id) {
            try tx.execute("DELETE FROM t_budget_services_selection WHERE budget_id = \(current.id)")
            try replaceServices(of: current.id, with: draft.selectedServiceIds, in: tx)
        }
        if draft.tagFilters != current.tagFilters {
            try tx.execute("DELETE FROM t_budget_tag_filters WHERE budget_id = \(current.id)")
            try insertTagFilters(of: current.id, draft.tagFilters, in: tx)
        }
    }

    /// Brings a soft-deleted budget back, as it was, under a new version.
    /// - Throws: `.conflict` when a live budget of the connection has taken its name since.
    static func restore(_ budget: Budget, by actor: UUID, at now: Date, in tx: Transaction) throws {
        let timestamp = UTCTimestamp.sql(now)
        try tx.execute("""
            UPDATE t_budgets SET deleted_at = NULL, deleted_by = NULL, updated_at = \(timestamp), updated_by = \(actor), version = version + 1
            WHERE id = \(budget.id) AND version = \(budget.version)
            """,
            conflict: nameTaken(budget.name))
    }

    /// Soft-deletes: the row stays for the audit trail, every read leaves it out.
    static func softDelete(_ budget: Budget, by actor: UUID, at now: Date, in tx: Transaction) throws {
        let timestamp = UTCTimestamp.sql(now)
        try tx.execute("""
            UPDATE t_budgets SET deleted_at = \(timestamp), deleted_by = \(actor), updated_at = \(timestamp), updated_by = \(actor),
                   version = version + 1
            WHERE id = \(budget.id) AND version = \(budget.version)
            """)
    }

    private static func replaceRules(of budgetId: UUID, with rules: [ThresholdRule], keeping existing: [ThresholdRule], in tx: Transaction) throws {
        var unmatched = existing
        var rows: [[SQLValue]] = []
        for (position, rule) in rules.enumerated() {
            if let i = unmatched.firstIndex(where: { $0.isSameLevel(as: rule) }), let id = unmatched[i].id {
                unmatched.remove(at: i)
                try tx.execute("""
                    UPDATE t_budget_threshold_rules SET percentage = \(rule.percentage), amount = \(rule.amount), position = \(position)
                    WHERE id = \(id)
                    """)
                continue
            }
            rows.append([UUID().sqlValue, budgetId.sqlValue, rule.percentage.sqlValue, rule.amount.sqlValue,
                         .text(rule.triggerType.rawValue), .text(rule.basis.rawValue), .int(Int64(position))])
        }
        let removed = unmatched.compactMap(\.id)
        if !removed.isEmpty {
            try tx.execute("DELETE FROM t_budget_threshold_rules WHERE id IN (\(list: removed))")
        }
        if !rows.isEmpty {
            try tx.execute(.insert(into: "t_budget_threshold_rules",
                                           columns: ["id", "budget_id", "percentage", "amount", "trigger_type", "basis", "position"], rows: rows))
        }
    }

    private static func replaceRecipients(of budgetId: UUID, with emails: [String], keeping existing: [AlertRecipient],
                                          in tx: Transaction) throws {
        let removed = existing.filter { !emails.contains($0.email) }.map(\.id)
        if !removed.isEmpty {
            try tx.execute("DELETE FROM t_budget_alerts_recipients WHERE id IN (\(list: removed))")
        }
        var rows: [[SQLValue]] = []
        for (position, email) in emails.enumerated() {
            if let same = existing.first(where: { $0.email == email }) {
                try tx.execute("UPDATE t_budget_alerts_recipients SET position = \(position) WHERE id = \(same.id)")
            } else {
                rows.append([UUID().sqlValue, budgetId.sqlValue, .text(email), .int(Int64(position))])
            }
        }
        if !rows.isEmpty {
            try tx.execute(.insert(into: "t_budget_alerts_recipients", columns: ["id", "budget_id", "email", "position"], rows: rows))
        }
    }

    private static func replaceServices(of budgetId: UUID, with serviceIds: [UUID], in tx: Transaction) throws {
        guard !serviceIds.isEmpty else { return }
        let rows = serviceIds.map { [UUID().sqlValue, budgetId.sqlValue, $0.sqlValue, SQLValue.int(1)] }
        try tx.execute(.insert(into: "t_budget_services_selection", columns: ["id", "budget_id", "service_id", "selected"], rows: rows))
    }

    private static func insertTagFilters(of budgetId: UUID, _ filters: [TagFilter], in tx: Transaction) throws {
        guard !filters.isEmpty else { return }
        let rows = filters.enumerated().map { position, filter in
            [budgetId.sqlValue, .int(Int64(position)), .text(filter.key), .text(filter.normalizedKey),
             .text(JSONValue.array(filter.values.map(JSONValue.string)).serialized)]
        }
        try tx.execute(.insert(into: "t_budget_tag_filters", columns: ["budget_id", "position", "tag_key", "key_normalized", "tag_values"],
                               rows: rows))
    }

    static func nameTaken(_ name: String) -> DomainError {
        DomainError(.conflict, "A budget named \"\(name)\" already exists on this connection.",
                    fieldErrors: [FieldError("name", "is already used by another budget on this connection")])
    }
}
