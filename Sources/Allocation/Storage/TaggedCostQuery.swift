import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// A month's line items of an organization, grouped by what compliance tells apart (connection,
/// currency, service, resource, tags) and summed, so that each distinct tag set is parsed once.
enum TaggedCostQuery {
    /// Charges that began in `[start, end)`, billed cost.
    static func costs(organizationId: UUID, from start: LocalDate, to end: LocalDate, in db: any SQLReading) throws -> [TaggedCost] {
        // Grouped by the tags' hash, not their text: MariaDB compares only the first bytes of long text.
        try db.query("""
            SELECT l.csp_connection_id, l.billing_currency, l.service_name, l.resource_id, MIN(l.tags) AS tags, SUM(l.billed_cost) AS cost
            FROM cost_line_items l JOIN csp_connections c ON c.id = l.csp_connection_id
            WHERE c.organization_id = \(organizationId) AND l.charge_period_start >= \(start) AND l.charge_period_start < \(end)
            GROUP BY l.csp_connection_id, l.billing_currency, l.service_name, l.resource_id, MD5(l.tags)
            """).map { row in
            TaggedCost(connectionId: try row.uuid("csp_connection_id"), currency: try row.text("billing_currency"),
                       serviceName: try row.text("service_name"), resourceId: row["resource_id"],
                       tags: tags(row["tags"]), cost: row.decimal("cost") ?? 0)
        }
    }

    /// A FOCUS `Tags` object as key → text; numbers and booleans as written, other values left out.
    static func tags(_ text: String?) -> [String: String] {
        guard let text, let object = (try? JSONParser.parse(text))?.objectValue else { return [:] }
        var tags: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case .string(let s): tags[key] = s
            case .number(let n): tags[key] = n.text
            case .bool(let b): tags[key] = b ? "true" : "false"
            default: continue
            }
        }
        return tags
    }
}
