import Foundation
import Kernel
import MariaDB
import Persistence

/// Links that set a password (invitations and resets), by the SHA-256 of their token.
enum PasswordLinkStore {
    static func create(tokenHash: String, user: User, organizationId: UUID, purpose: PasswordLink.Purpose, at now: Date,
                       expiresAt: Date, in tx: Transaction) throws {
        try tx.execute("""
            INSERT INTO password_links (token_hash, user_id, organization_id, purpose, created_at, expires_at)
            VALUES (\(tokenHash), \(user.id), \(organizationId), \(purpose.rawValue), \(UTCTimestamp.sql(now)), \(UTCTimestamp.sql(expiresAt)))
            """)
    }

    /// The unused, unexpired link of a token, with its account (which must not be deactivated).
    static func live(tokenHash: String, at now: Date, in db: any SQLReading) throws -> PasswordLink? {
        try db.query("""
            SELECT l.purpose, l.expires_at, o.name AS organization_name, \(linkUserColumns)
            FROM password_links l JOIN users u ON u.id = l.user_id JOIN organizations o ON o.id = l.organization_id
            WHERE l.token_hash = \(tokenHash) AND l.used_at IS NULL AND l.expires_at > \(UTCTimestamp.sql(now))
              AND u.deactivated_at IS NULL
            """).first.map { row in
            PasswordLink(user: try UserStore.user(row), organizationName: try row.text("organization_name"),
                         purpose: try row.enumeration("purpose", as: PasswordLink.Purpose.self), expiresAt: try row.timestamp("expires_at"))
        }
    }

    private static let linkUserColumns = UserStore.columns(of: "u")

    /// Uses the link up; `false` when another request used it (or it expired) first.
    static func use(tokenHash: String, at now: Date, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            UPDATE password_links SET used_at = \(UTCTimestamp.sql(now))
            WHERE token_hash = \(tokenHash) AND used_at IS NULL AND expires_at > \(UTCTimestamp.sql(now))
            """) == 1
    }

    /// Ends every other open link of a user: its password was set, or it was deactivated.
    static func expireAll(ofUser userId: UUID, at now: Date, in tx: Transaction) throws {
        try tx.execute("""
            UPDATE password_links SET expires_at = \(UTCTimestamp.sql(now)) WHERE user_id = \(userId) AND used_at IS NULL
              AND expires_at > \(UTCTimestamp.sql(now))
            """)
    }

    /// How many links of a purpose were made for a user since `since`: resets are limited per hour.
    static func count(ofUser userId: UUID, purpose: PasswordLink.Purpose, since: Date, in db: any SQLReading) throws -> Int {
        try db.query("""
            SELECT COUNT(*) AS n FROM password_links
            WHERE user_id = \(userId) AND purpose = \(purpose.rawValue) AND created_at >= \(UTCTimestamp.sql(since))
            """).first?.int("n") ?? 0
    }
}
