import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// Allocation dimensions, one row each; the parts read and replaced whole live in `definition`.
enum DimensionStore {
    static func all(organizationId: UUID, in db: any SQLReading) throws -> [AllocationDimension] {
        try db.query("""
            SELECT id, name, tag_key, shared_method, metric, keeps_unallocated, definition, created_at, updated_at
            FROM allocation_dimensions WHERE organization_id = \(organizationId) ORDER BY name_normalized
            """).map(dimension)
    }

    static func find(_ id: UUID, organizationId: UUID, in db: any SQLReading, locking: Bool = false) throws -> AllocationDimension? {
        let lock: SQLQuery = locking ? " FOR UPDATE" : ""
        return try db.query("""
            SELECT id, name, tag_key, shared_method, metric, keeps_unallocated, definition, created_at, updated_at
            FROM allocation_dimensions WHERE id = \(id) AND organization_id = \(organizationId)\(lock)
            """).first.map(dimension)
    }

    static func find(named name: String, organizationId: UUID, in db: any SQLReading) throws -> AllocationDimension? {
        try db.query("""
            SELECT id, name, tag_key, shared_method, metric, keeps_unallocated, definition, created_at, updated_at
            FROM allocation_dimensions WHERE organization_id = \(organizationId) AND name_normalized = \(normalizedName(name))
            """).first.map(dimension)
    }

    static func normalizedName(_ name: String) -> String { name.trimmingWhitespaceAndNewlines().lowercased() }

    /// Inserts or replaces the dimension (in the caller's transaction).
    static func save(_ dimension: AllocationDimension, organizationId: UUID, by userId: UUID?, in tx: Transaction) throws {
        var document = DimensionDocument.json(dimension).objectValue ?? JSONObject()
        for key in ["id", "name", "tagKey", "sharedMethod", "metric", "keepsUnallocated", "createdAt", "updatedAt"] { document[key] = nil }
        try tx.execute("""
            INSERT INTO allocation_dimensions (id, organization_id, name, name_normalized, tag_key, shared_method, metric, keeps_unallocated,
                                               definition, created_at, updated_at, updated_by)
            VALUES (\(dimension.id), \(organizationId), \(dimension.name), \(normalizedName(dimension.name)), \(dimension.tagKey),
                    \(dimension.sharedMethod.rawValue), \(dimension.metric), \(dimension.keepsUnallocated), \(JSONValue.object(document).serialized),
                    \(UTCTimestamp.sql(dimension.createdAt)), \(UTCTimestamp.sql(dimension.updatedAt)), \(userId))
            ON DUPLICATE KEY UPDATE name = VALUES(name), name_normalized = VALUES(name_normalized), tag_key = VALUES(tag_key),
                shared_method = VALUES(shared_method), metric = VALUES(metric), keeps_unallocated = VALUES(keeps_unallocated),
                definition = VALUES(definition), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)
            """)
    }

    static func delete(_ id: UUID, organizationId: UUID, in tx: Transaction) throws -> Bool {
        try tx.execute("DELETE FROM allocation_dimensions WHERE id = \(id) AND organization_id = \(organizationId)") > 0
    }

    private static func dimension(_ row: Row) throws -> AllocationDimension {
        let method = try row.required("shared_method") { SharedMethod(rawValue: $0) }
        return DimensionDocument.dimension(
            id: try row.uuid("id"), name: try row.text("name"), tagKey: try row.text("tag_key"), method: method, metric: row["metric"],
            keepsUnallocated: row.bool("keeps_unallocated") ?? false, definition: (try? JSONParser.parse(try row.text("definition"))) ?? .null,
            createdAt: try row.timestamp("created_at"), updatedAt: try row.timestamp("updated_at"))
    }
}
