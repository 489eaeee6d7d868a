import Foundation
import Kernel
import MariaDB
import Persistence

/// Editors' explanations, one per budget and month.
enum ExplanationStore {
    static func list(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [UUID: Explanation] {
        var result: [UUID: Explanation] = [:]
        for row in try db.query("""
            SELECT budget_id, body, author_email, updated_at FROM report_explanations
            WHERE organization_id = \(organizationId) AND month = \(month)
            """) {
            let budgetId = try row.uuid("budget_id")
            result[budgetId] = Explanation(budgetId: budgetId, text: try row.text("body"), authorEmail: row["author_email"],
                                           updatedAt: try row.timestamp("updated_at"))
        }
        return result
    }

    /// Writes (or replaces) the explanation; an empty text removes it.
    /// - Returns: the explanation before.
    static func put(organizationId: UUID, month: LocalDate, budgetId: UUID, text: String, author: Principal, at now: Date,
                    in tx: Transaction) throws -> String? {
        let before = try tx.query("""
            SELECT body FROM report_explanations WHERE organization_id = \(organizationId) AND month = \(month) AND budget_id = \(budgetId)
            FOR UPDATE
            """).first?["body"]
        if text.isEmpty {
            try tx.execute("""
                DELETE FROM report_explanations WHERE organization_id = \(organizationId) AND month = \(month) AND budget_id = \(budgetId)
                """)
        } else {
            try tx.execute("""
                INSERT INTO report_explanations (organization_id, month, budget_id, body, author_id, author_email, updated_at)
                VALUES (\(organizationId), \(month), \(budgetId), \(text), \(author.userId), \(author.email), \(UTCTimestamp.sql(now)))
                ON DUPLICATE KEY UPDATE body = VALUE(body), author_id = VALUE(author_id), author_email = VALUE(author_email),
                    updated_at = VALUE(updated_at)
                """)
        }
        return before
    }
}
