public import BudgetCore
public import Foundation
public import MariaDB

/// Browser sessions by the hash of their id.
public struct MariaDBSessionRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func create(idHash: String, userId: UUID, at now: Date, expiresAt: Date) throws {
        try connection.execute("""
            INSERT INTO sessions (id_hash, user_id, created_at, expires_at)
            VALUES (\(idHash), \(userId), \(UTCTimestamp.sql(now)), \(UTCTimestamp.sql(expiresAt)))
            """)
        try connection.execute("DELETE FROM sessions WHERE expires_at < \(UTCTimestamp.sql(now))")
    }

    /// The signed-in user of a live session.
    public func user(idHash: String, at now: Date) throws -> User? {
        try connection.query("""
            SELECT u.id, u.organization_id, u.email, u.role, u.is_platform_admin, u.created_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = \(idHash) AND s.expires_at > \(UTCTimestamp.sql(now))
            """).first.map { try MariaDBUserRepository.user($0) }
    }

    public func delete(idHash: String) throws {
        try connection.execute("DELETE FROM sessions WHERE id_hash = \(idHash)")
    }
}
