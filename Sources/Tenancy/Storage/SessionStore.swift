import Foundation
import Kernel
import MariaDB
import Persistence

/// Browser sessions by the hash of their id.
enum SessionStore {
    static func create(idHash: String, userId: UUID, at now: Date, expiresAt: Date, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO sessions (id_hash, user_id, created_at, expires_at)
            VALUES (\(idHash), \(userId), \(UTCTimestamp.sql(now)), \(UTCTimestamp.sql(expiresAt)))
            """)
        try tx.execute("DELETE FROM sessions WHERE expires_at < \(UTCTimestamp.sql(now))")
    }

    /// The signed-in user of a live session; a deactivated user has none.
    static func user(idHash: String, at now: Date, in db: any SQLReading) throws -> User? {
        try db.query("""
            SELECT \(sessionUserColumns) FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = \(idHash) AND s.expires_at > \(UTCTimestamp.sql(now)) AND u.deactivated_at IS NULL
            """).first.map(UserStore.user)
    }

    private static let sessionUserColumns = UserStore.columns(of: "u")

    /// Ends every session of a user: deactivated, or a new password set.
    static func deleteAll(ofUser userId: UUID, in tx: Transaction) throws {
        try tx.execute("DELETE FROM sessions WHERE user_id = \(userId)")
    }

    static func delete(idHash: String, in tx: Transaction) throws {
        try tx.execute("DELETE FROM sessions WHERE id_hash = \(idHash)")
    }
}
