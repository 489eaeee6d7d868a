import Foundation
import Kernel
import MariaDB
import Persistence
import Sodium

/// A row's part of the rollups by tag set and by resource.
struct RollupFacts: Sendable {
    /// `YYYY-MM-DD`: the billing period's start, and the charge's day.
    let period: String
    let day: String
    let currency: String
    let resourceId: String?
    /// 10⁻¹¹ units.
    let billed: Int128
    let effective: Int128
}

/// The rollups by tag set (daily) and by resource (monthly) of an import, summed as its rows stream
/// through instead of by a GROUP BY over the rows afterwards: a file whose every row is its own
/// resource would make that GROUP BY sort the whole import inside its transaction. Memory stays
/// bounded: when either map holds `limit` groups, its sums are added to the table's rows
/// (`INSERT … ON DUPLICATE KEY UPDATE` adds them up) and it starts again.
struct ImportRollups {
    // Keys of plain values (dates and codes short enough to be stored inline, ids as bytes): hashing
    // and copying them counts no references, which a million rows would pay for.
    struct TagKey: Hashable {
        let period: String, service: UUID, day: String, currency: String, tagSet: Int64
    }
    struct ResourceKey: Hashable {
        let period: String, month: String, service: UUID, currency: String, digest: Digest, tagSet: Int64
    }
    /// The first 16 bytes of a resource id's SHA-256.
    struct Digest: Hashable {
        let high: UInt64, low: UInt64

        init(_ resourceId: String?) {
            let bytes = SHA256.hash(Array((resourceId ?? "").utf8))
            high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
        }

        var hex: String {
            let text = String(high, radix: 16), rest = String(low, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text + String(repeating: "0", count: 16 - rest.count) + rest
        }
    }
    struct Sums {
        var billed: Int128 = 0
        var effective: Int128 = 0
        var count = 0
        var resourceId: String?
    }

    let connectionId: UUID
    let limit: Int
    private var byTag: [TagKey: Sums] = [:]
    private var byResource: [ResourceKey: Sums] = [:]
    /// The digest of the last resource seen: consecutive rows of one resource are the common case.
    private var lastResource: (id: String?, digest: Digest)?

    init(connectionId: UUID, limit: Int = 10_000) {
        self.connectionId = connectionId
        self.limit = limit
    }

    /// The key `TagRollups` groups resources by: the first 16 bytes of the id's SHA-256 ('' without one),
    /// the same in SQL (`UNHEX(LEFT(SHA2(…, 256), 32))`) and here.
    static func digest(_ resourceId: String?) -> String { Digest(resourceId).hex }

    /// The rollups of `periods` go before their first rows are summed (the import replaces whole periods).
    func delete(periods: [LocalDate], in tx: Transaction) throws {
        guard !periods.isEmpty else { return }
        try tx.execute("DELETE FROM cost_tag_rollups WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))")
        try tx.execute("""
            DELETE FROM cost_resource_rollups WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))
            """)
    }

    mutating func add(_ facts: RollupFacts, serviceId: UUID, tagSetId: Int64?, in tx: Transaction) throws {
        if let tagSetId {
            let key = TagKey(period: facts.period, service: serviceId, day: facts.day, currency: facts.currency, tagSet: tagSetId)
            byTag[key, default: Sums()].add(facts)
        }
        let digest: Digest
        if let last = lastResource, last.id == facts.resourceId {
            digest = last.digest
        } else {
            digest = Digest(facts.resourceId)
            lastResource = (facts.resourceId, digest)
        }
        let key = ResourceKey(period: facts.period, month: String(facts.day.prefix(8)) + "01", service: serviceId, currency: facts.currency,
                              digest: digest, tagSet: tagSetId ?? 0)
        byResource[key, default: Sums()].add(facts)
        if byTag.count >= limit || byResource.count >= limit { try flush(in: tx) }
    }

    /// Adds what is summed so far to the tables, 500 groups a statement (each statement's values are built
    /// only when it is sent, so memory holds one statement's worth, not the whole map's).
    mutating func flush(in tx: Transaction) throws {
        let tags = Array(byTag)
        for start in stride(from: 0, to: tags.count, by: 500) {
            let rows = tags[start..<min(start + 500, tags.count)].map { key, sums -> [SQLValue] in
                [connectionId.sqlValue, .text(key.period), key.service.sqlValue, .text(key.day), .text(key.currency), .int(key.tagSet),
                 .text(FixedAmount.format(sums.billed)), .text(FixedAmount.format(sums.effective))]
            }
            try tx.execute(upsert("cost_tag_rollups", ["csp_connection_id", "billing_period_start", "service_id", "day", "billing_currency",
                                                       "tag_set_id", "billed_cost", "effective_cost"],
                                  rows: rows, adding: ["billed_cost", "effective_cost"]))
        }
        let resources = Array(byResource)
        for start in stride(from: 0, to: resources.count, by: 500) {
            let rows = resources[start..<min(start + 500, resources.count)].map { key, sums -> [SQLValue] in
                [connectionId.sqlValue, .text(key.period), .text(key.month), key.service.sqlValue, .text(key.currency), .text(key.digest.hex),
                 .int(key.tagSet), sums.resourceId.sqlValue, .text(FixedAmount.format(sums.billed)), .text(FixedAmount.format(sums.effective)),
                 .int(Int64(sums.count))]
            }
            try tx.execute(upsert("cost_resource_rollups", ["csp_connection_id", "billing_period_start", "month", "service_id", "billing_currency",
                                                            "resource_digest", "tag_set_id", "resource_id", "billed_cost", "effective_cost",
                                                            "line_count"],
                                  rows: rows, adding: ["billed_cost", "effective_cost", "line_count"], hexColumn: "resource_digest"))
        }
        byTag.removeAll(keepingCapacity: true)
        byResource.removeAll(keepingCapacity: true)
    }

    /// A multi-row INSERT whose duplicates add `adding` to the row already there.
    private func upsert(_ table: String, _ columns: [String], rows: [[SQLValue]], adding: [String], hexColumn: String? = nil) -> SQLQuery {
        let tuple = "(" + columns.map { $0 == hexColumn ? "UNHEX(?)" : "?" }.joined(separator: ", ") + ")"
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ", ")
            + " ON DUPLICATE KEY UPDATE " + adding.map { "\($0) = \($0) + VALUES(\($0))" }.joined(separator: ", ")
        return SQLQuery(sql: sql, binds: rows.flatMap { $0 })
    }
}

extension ImportRollups.Sums {
    mutating func add(_ facts: RollupFacts) {
        billed += facts.billed
        effective += facts.effective
        count += 1
        if resourceId == nil { resourceId = facts.resourceId }
    }
}
