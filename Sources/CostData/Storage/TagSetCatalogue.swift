import Foundation
import JSON
import Kernel
import MariaDB
import Persistence
import Sodium

/// An organization's tag sets during a transaction that writes line items: each distinct set is
/// looked up (or added, with its per-key rows) once per batch, then remembered, so a million line
/// items cost a few statements per new set rather than per row.
struct TagSetCatalogue {
    let organizationId: UUID
    /// The sets met so far → their ids.
    private var ids: [TagSet: Int64] = [:]

    init(organizationId: UUID) { self.organizationId = organizationId }

    static func digest(_ set: TagSet) -> String { Sodium.hex(SHA256.hash(Array(set.identity.utf8))) }

    /// The ids of `sets`, in their order; sets not stored yet are added first.
    mutating func ids(for sets: [TagSet?], in tx: Transaction) throws -> [Int64?] {
        var missing: [String: TagSet] = [:]
        // The first spelling met is the one kept for display.
        for case let set? in sets where ids[set] == nil {
            let digest = TagSetCatalogue.digest(set)
            if missing[digest] == nil { missing[digest] = set }
        }
        if !missing.isEmpty { try store(missing, in: tx) }
        return sets.map { $0.flatMap { ids[$0] } }
    }

    /// Adds the sets no transaction has stored, then reads every id with a locking read, which sees
    /// a set another import committed meanwhile (a plain read would see this transaction's snapshot).
    private mutating func store(_ sets: [String: TagSet], in tx: Transaction) throws {
        let entries = sets.sorted { $0.key < $1.key }
        for chunk in stride(from: 0, to: entries.count, by: 200).map({ entries[$0..<min($0 + 200, entries.count)] }) {
            let digests = chunk.map { SQLValue.text($0.key) }
            try tx.execute(SQLQuery(
                sql: "INSERT IGNORE INTO cost_tag_sets (organization_id, digest, tags) VALUES "
                    + Array(repeating: "(?, UNHEX(?), ?)", count: chunk.count).joined(separator: ", "),
                binds: chunk.flatMap { [organizationId.sqlValue, .text($0.key), .text($0.value.displayJSON)] }))
            var found: [(id: Int64, set: TagSet)] = []
            for row in try tx.query(SQLQuery(
                sql: "SELECT id, LOWER(HEX(digest)) AS digest FROM cost_tag_sets WHERE organization_id = ? AND digest IN ("
                    + Array(repeating: "UNHEX(?)", count: chunk.count).joined(separator: ", ") + ") LOCK IN SHARE MODE",
                binds: [organizationId.sqlValue] + digests)) {
                guard let set = sets[try row.text("digest")], let id = row.int64("id") else { continue }
                ids[set] = id
                found.append((id, set))
            }
            var rows: [[SQLValue]] = []
            for (id, set) in found.sorted(by: { $0.id < $1.id }) {
                for tag in set.tags where tag.key.unicodeScalars.count <= TagSet.maximumKeyLength {
                    rows.append([.int(id), .text(tag.key), .text(tag.value.prefix(scalars: TagSet.maximumValueLength)),
                                 .text(tag.displayValue.prefix(scalars: TagSet.maximumValueLength))])
                }
            }
            guard !rows.isEmpty else { continue }
            try tx.execute(.insert(into: "cost_tag_values", columns: ["tag_set_id", "tag_key", "tag_value", "display_value"], rows: rows,
                                   ignoringDuplicates: true))
        }
    }
}
