public import Foundation
public import MariaDB

/// Numbers that count within one organization (its imports, alerts and messages): what a tenant
/// is shown instead of a table's auto-increment id, which counts every tenant's rows and so would
/// tell one tenant how busy the others are.
///
/// Each counter is its own row, locked until the transaction ends: numbers are gap-free within a
/// committed transaction and never handed out twice. Keep the transaction that takes one short
/// (an import takes its number in a transaction of its own), since the organization's next
/// number of that kind waits for it.
public enum OrganizationCounter: String, Sendable {
    case importNumber = "import"
    case alertNumber = "alert"
    case messageNumber = "message"
    /// The event feed's cursor: gap-free, since an event's transaction never ends without it.
    case eventSequence = "event"

    /// Takes the next `count` numbers; returns the first.
    public func next(_ count: Int = 1, organizationId: UUID, _ tx: Transaction) throws(MariaDBError) -> Int64 {
        try tx.execute("""
            INSERT INTO organization_counters (organization_id, counter, value) VALUES (\(organizationId), \(rawValue), LAST_INSERT_ID(\(count)))
            ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + \(count))
            """)
        let last = try tx.query("SELECT LAST_INSERT_ID() AS n").first?.int64("n") ?? Int64(count)
        return last - Int64(count) + 1
    }
}
