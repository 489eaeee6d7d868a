import Foundation
import Kernel
import MariaDB
import Persistence

/// The rollups by tag set (`cost_tag_rollups`, daily) and by resource (`cost_resource_rollups`,
/// monthly), rebuilt with the daily rollups from the same line items, and the tag sets of line
/// items written without one (before migration 026, or by tools that insert rows directly).
enum TagRollups {
    static func rebuild(connectionId: UUID, billingPeriods periods: [LocalDate], in tx: Transaction) throws {
        try tx.execute("DELETE FROM cost_tag_rollups WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))")
        try tx.execute("""
            INSERT INTO cost_tag_rollups (csp_connection_id, billing_period_start, service_id, day, billing_currency, tag_set_id,
                                          billed_cost, effective_cost)
            SELECT csp_connection_id, billing_period_start, service_id, DATE(charge_period_start), billing_currency, tag_set_id,
                   SUM(billed_cost), SUM(effective_cost)
            FROM cost_line_items
            WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods)) AND tag_set_id IS NOT NULL
            GROUP BY billing_period_start, service_id, DATE(charge_period_start), billing_currency, tag_set_id
            """)
        try tx.execute("""
            DELETE FROM cost_resource_rollups WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))
            """)
        try tx.execute("""
            INSERT INTO cost_resource_rollups (csp_connection_id, billing_period_start, month, service_id, billing_currency, resource_digest,
                                               tag_set_id, resource_id, billed_cost, effective_cost, line_count)
            SELECT csp_connection_id, billing_period_start, DATE_FORMAT(charge_period_start, '%Y-%m-01') AS month, service_id, billing_currency,
                   UNHEX(LEFT(SHA2(COALESCE(resource_id, ''), 256), 32)) AS resource_digest, COALESCE(tag_set_id, 0) AS tag_set, MIN(resource_id),
                   SUM(billed_cost), SUM(effective_cost), COUNT(*)
            FROM cost_line_items
            WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))
            GROUP BY billing_period_start, month, service_id, billing_currency, resource_digest, tag_set
            """)
    }

    /// Gives the periods' line items that carry tags but no tag set theirs: each distinct `Tags`
    /// text is normalized once, and one UPDATE joins the rows to their sets.
    static func assignMissingTagSets(connectionId: UUID, billingPeriods periods: [LocalDate], in tx: Transaction) throws {
        let texts = try tx.query("""
            SELECT MD5(tags) AS digest, MIN(tags) AS tags FROM cost_line_items
            WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods)) AND tags IS NOT NULL
              AND tag_set_id IS NULL
            GROUP BY digest
            """).map { (digest: try $0.text("digest"), set: TagSet(json: try $0.text("tags"))) }
        let sets = texts.filter { $0.set != nil }
        guard !sets.isEmpty,
              let organizationId = try tx.query("SELECT organization_id FROM csp_connections WHERE id = \(connectionId)").first?
                .uuid("organization_id")
        else { return }
        var catalogue = TagSetCatalogue(organizationId: organizationId)
        let ids = try catalogue.ids(for: sets.map(\.set), in: tx)
        try tx.execute("CREATE TEMPORARY TABLE IF NOT EXISTS budgetd_tag_set_map (digest CHAR(32) PRIMARY KEY, tag_set_id BIGINT UNSIGNED NOT NULL)")
        defer { _ = try? tx.execute("DROP TEMPORARY TABLE IF EXISTS budgetd_tag_set_map") }
        try tx.execute("DELETE FROM budgetd_tag_set_map")
        let rows = zip(sets, ids).compactMap { entry, id in id.map { [SQLValue.text(entry.digest), .int($0)] } }
        for start in stride(from: 0, to: rows.count, by: 500) {
            let chunk = Array(rows[start..<min(start + 500, rows.count)])
            try tx.execute(.insert(into: "budgetd_tag_set_map", columns: ["digest", "tag_set_id"], rows: chunk))
        }
        try tx.execute("""
            UPDATE cost_line_items l JOIN budgetd_tag_set_map m ON m.digest = MD5(l.tags) SET l.tag_set_id = m.tag_set_id
            WHERE l.csp_connection_id = \(connectionId) AND l.billing_period_start IN (\(list: periods)) AND l.tag_set_id IS NULL
            """)
    }
}
