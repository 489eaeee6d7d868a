import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// Tag policies, one row per required key, in the organization's order.
enum TagPolicyStore {
    static func policy(organizationId: UUID, in db: any SQLReading) throws -> TagPolicy {
        TagPolicy(requiredTags: try db.query("""
            SELECT tag_key, allowed_values FROM tag_policy_keys WHERE organization_id = \(organizationId) ORDER BY position
            """).map { row in
            TagPolicy.RequiredTag(key: try row.text("tag_key"),
                                  allowedValues: row["allowed_values"].flatMap { try? JSONParser.parse($0) }?.arrayValue?.compactMap(\.stringValue))
        })
    }

    /// Replaces the organization's policy with `policy`, in the caller's transaction.
    static func replace(organizationId: UUID, with policy: TagPolicy, by userId: UUID?, at now: Date, in tx: Transaction) throws {
        // One replacement at a time per organization: two at once would interleave their rows.
        _ = try tx.query("SELECT id FROM organizations WHERE id = \(organizationId) FOR UPDATE")
        try tx.execute("DELETE FROM tag_policy_keys WHERE organization_id = \(organizationId)")
        for (position, tag) in policy.requiredTags.enumerated() {
            let values = tag.allowedValues.map { JSONValue.array($0.map(JSONValue.string)).serialized }
            try tx.execute("""
                INSERT INTO tag_policy_keys (organization_id, position, tag_key, key_normalized, allowed_values, updated_at, updated_by)
                VALUES (\(organizationId), \(position), \(tag.key), \(TagKey.normalized(tag.key)), \(values), \(UTCTimestamp.sql(now)), \(userId))
                """)
        }
    }
}
