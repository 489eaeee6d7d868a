import CostData
import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// A month's cost of an organization per connection, currency, service, resource and tag set, from
/// the resource rollups the import keeps (`cost_resource_rollups`): tags arrive normalized, each set
/// read once, and no line item is summed at query time.
enum TaggedCostQuery {
    /// Charges that began in the month starting `month`, billed cost, exact.
    static func costs(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [AllocatableCost] {
        let rows = try db.query("""
            SELECT r.csp_connection_id, r.billing_currency, s.service_name, MIN(r.resource_id) AS resource_id, r.tag_set_id,
                   SUM(r.billed_cost) AS cost
            FROM cost_resource_rollups r
            JOIN csp_connections c ON c.id = r.csp_connection_id
            JOIN csp_services s ON s.id = r.service_id
            WHERE c.organization_id = \(organizationId) AND r.month = \(month)
            GROUP BY r.csp_connection_id, r.billing_currency, r.service_id, r.resource_digest, r.tag_set_id
            """)
        let sets = try tagSets(Set(rows.compactMap { $0.int64("tag_set_id") }.filter { $0 != 0 }), in: db)
        return try rows.map { row in
            AllocatableCost(connectionId: try row.uuid("csp_connection_id"), currency: try row.text("billing_currency"),
                            serviceName: try row.text("service_name"), resourceId: row["resource_id"],
                            tags: row.int64("tag_set_id").flatMap { sets[$0] } ?? .empty, amount: try row.wideSum("cost"))
        }
    }

    /// The month's costs as compliance judges them: tags as `{key: value as written}`.
    static func taggedCosts(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [TaggedCost] {
        try costs(organizationId: organizationId, month: month, in: db).map { cost in
            TaggedCost(connectionId: cost.connectionId, currency: cost.currency, serviceName: cost.serviceName, resourceId: cost.resourceId,
                       tags: cost.tags.dictionary, cost: FixedAmount.decimal(cost.amount))
        }
    }

    static func tagSets(_ ids: Set<Int64>, in db: any SQLReading) throws -> [Int64: TagSet] {
        var tags: [Int64: [TagSet.Tag]] = [:]
        let sorted = ids.sorted()
        for start in stride(from: 0, to: sorted.count, by: 1000) {
            for row in try db.query("""
                SELECT tag_set_id, tag_key, tag_value, display_value FROM cost_tag_values
                WHERE tag_set_id IN (\(list: Array(sorted[start..<min(start + 1000, sorted.count)])))
                """) {
                guard let id = row.int64("tag_set_id") else { continue }
                tags[id, default: []].append(TagSet.Tag(key: try row.text("tag_key"), value: try row.text("tag_value"),
                                                        displayValue: try row.text("display_value")))
            }
        }
        return tags.mapValues { TagSet(tags: $0) }
    }
}
