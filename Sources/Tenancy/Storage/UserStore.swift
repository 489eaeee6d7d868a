import Foundation
import Kernel
import MariaDB
import Persistence

/// Users, their password hashes, and the failed sign-ins that slow guessing down.
///
/// An account belongs to one organization (or is a platform administrator's): the same address may
/// have an account in several organizations, each with its own password and role, and an
/// organization learns nothing about the accounts of another.
enum UserStore {
    /// - Throws: `.conflict` when the organization (or the platform) has an account with the address already.
    static func create(_ user: NewUser, createdBy: UUID?, in tx: Transaction) throws -> User {
        let id = UUID()
        try tx.execute(
            """
                INSERT INTO users (id, organization_id, email, password_hash, role, is_platform_admin, created_by)
                VALUES (\(id), \(user.organizationId), \(user.email), \(user.passwordHash), \(user.role.rawValue), \(user.isPlatformAdmin),
                        \(createdBy))
                """,
            conflict: DomainError(.conflict, "This organization already has a user with the address \(user.email).",
                                  fieldErrors: [FieldError("email", "is already a user of this organization")]))
        guard let created = try find(id, in: tx) else { throw DomainError.notFound("User") }
        return created
    }

    static func find(_ id: UUID, in db: any SQLReading) throws -> User? {
        try db.query("SELECT \(columns) FROM users WHERE id = \(id)").first.map(user)
    }

    /// Every account with the address that can sign in (active, with a password; at most `limit`),
    /// oldest first, with its password hash: the candidates of a sign-in.
    static func accounts(email: String, limit: Int = 10, in db: any SQLReading) throws -> [(user: User, passwordHash: String)] {
        try db.query("""
            SELECT \(columns), password_hash FROM users
            WHERE email = \(email) AND deactivated_at IS NULL AND password_hash IS NOT NULL ORDER BY created_at, id LIMIT \(limit)
            """).map { (try user($0), try $0.text("password_hash")) }
    }

    /// The organizations' accounts with the address that are not deactivated, invited ones included:
    /// whom a password reset for the address goes to.
    static func resettableAccounts(email: String, limit: Int = 10, in db: any SQLReading) throws -> [User] {
        try db.query("""
            SELECT \(columns) FROM users
            WHERE email = \(email) AND organization_id IS NOT NULL AND deactivated_at IS NULL ORDER BY created_at, id LIMIT \(limit)
            """).map(user)
    }

    /// The account `id` of one organization, for its admins; another tenant's reads as missing.
    static func find(_ id: UUID, organizationId: UUID, in db: any SQLReading) throws -> User? {
        try db.query("SELECT \(columns) FROM users WHERE id = \(id) AND organization_id = \(organizationId)").first.map(user)
    }

    static func setRole(_ role: Role, of id: UUID, in tx: Transaction) throws {
        try tx.execute("UPDATE users SET role = \(role.rawValue) WHERE id = \(id)")
    }

    /// Deactivates (with who and when) or reactivates an account.
    static func setDeactivated(_ deactivated: (at: Date, by: UUID)?, of id: UUID, in tx: Transaction) throws {
        try tx.execute("""
            UPDATE users SET deactivated_at = \(deactivated.map { UTCTimestamp.sql($0.at) }), deactivated_by = \(deactivated?.by)
            WHERE id = \(id)
            """)
    }

    /// Sets the zone a person reads times in; with `onlyIfUnset`, only when none is set yet (what
    /// the browser sends must not override what the person chose).
    static func setTimeZone(_ zone: String?, of id: UUID, onlyIfUnset: Bool, in tx: Transaction) throws {
        let condition: SQLQuery = onlyIfUnset ? " AND time_zone IS NULL" : ""
        try tx.execute("UPDATE users SET time_zone = \(zone) WHERE id = \(id)" + condition)
    }

    static func setPassword(hash: String, of id: UUID, in tx: Transaction) throws {
        try tx.execute("UPDATE users SET password_hash = \(hash) WHERE id = \(id)")
    }

    /// The account with the address in one organization, or the platform administrator's (`nil`).
    static func account(email: String, organizationId: UUID?, in db: any SQLReading) throws -> User? {
        let scope: SQLQuery = organizationId.map { "organization_id = \($0)" } ?? "organization_id IS NULL"
        return try db.query("SELECT \(columns) FROM users WHERE email = \(email) AND \(scope)").first.map(user)
    }

    /// Sets a new password hash (and role or platform flag when given) of one account; used by
    /// `budgetd user add` on an existing address.
    static func update(_ user: User, passwordHash: String, role: Role?, isPlatformAdmin: Bool?, in tx: Transaction) throws -> User? {
        try tx.execute("""
            UPDATE users SET password_hash = \(passwordHash), role = COALESCE(\(role?.rawValue), role),
                is_platform_admin = COALESCE(\(isPlatformAdmin), is_platform_admin)
            WHERE id = \(user.id)
            """)
        return try find(user.id, in: tx)
    }

    static func list(organizationId: UUID, in db: any SQLReading) throws -> [User] {
        try db.query("SELECT \(columns) FROM users WHERE organization_id = \(organizationId) ORDER BY email").map(user)
    }

    // MARK: - Failed sign-ins

    /// Failed sign-ins for the address since `since`: from every client, and from `client` with
    /// the time of its latest.
    static func failedSignIns(email: String, client: String, since: Date,
                              in db: any SQLReading) throws -> (all: Int, fromClient: Int, lastFromClient: Date?) {
        let row = try db.query("""
            SELECT COUNT(*) AS total, COALESCE(SUM(client = \(client)), 0) AS mine,
                   MAX(IF(client = \(client), failed_at, NULL)) AS last_mine
            FROM login_failures WHERE email = \(email) AND failed_at >= \(UTCTimestamp.sql(since))
            """).first
        return (row?.int("total") ?? 0, row?.int("mine") ?? 0, row?["last_mine"].flatMap(UTCTimestamp.parse))
    }

    static func recordFailedSignIn(email: String, client: String, at date: Date, in tx: Transaction) throws {
        try tx.execute("INSERT INTO login_failures (email, client, failed_at) VALUES (\(email), \(client), \(UTCTimestamp.sql(date)))")
        try tx.execute("DELETE FROM login_failures WHERE failed_at < \(UTCTimestamp.sql(date.addingTimeInterval(-86_400)))")
    }

    /// Forgets one client's failures after it signed in; another client's count stays.
    static func clearFailedSignIns(email: String, client: String, in tx: Transaction) throws {
        try tx.execute("DELETE FROM login_failures WHERE email = \(email) AND client = \(client)")
    }

    static let columns: SQLQuery = columns(of: nil)

    /// The columns `user(_:)` reads, of the table aliased `alias` when given.
    static func columns(of alias: String?) -> SQLQuery {
        let p = alias.map { $0 + "." } ?? ""
        return SQLQuery(sql: "\(p)id, \(p)organization_id, \(p)email, \(p)role, \(p)is_platform_admin, \(p)created_at, "
                            + "\(p)password_hash IS NOT NULL AS has_password, \(p)deactivated_at, \(p)time_zone")
    }

    static func user(_ row: Row) throws -> User {
        User(
            id: try row.uuid("id"), organizationId: row.optionalUUID("organization_id"), email: try row.text("email"),
            role: try row.enumeration("role", as: Role.self), isPlatformAdmin: row.bool("is_platform_admin") ?? false,
            createdAt: try row.timestamp("created_at"), hasPassword: row.bool("has_password") ?? false,
            deactivatedAt: row["deactivated_at"].flatMap(UTCTimestamp.parse), timeZone: row["time_zone"])
    }
}
