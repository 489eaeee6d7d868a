public import BudgetCore
public import Foundation
public import MariaDB

/// A user to be created; the password is already hashed.
public struct NewUser: Sendable {
    public var organizationId: UUID?
    public var email: String
    public var passwordHash: String
    public var role: Role
    public var isPlatformAdmin: Bool

    public init(organizationId: UUID?, email: String, passwordHash: String, role: Role, isPlatformAdmin: Bool) {
        self.organizationId = organizationId
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.isPlatformAdmin = isPlatformAdmin
    }
}

/// Users, their password hashes, and the failed sign-ins that slow guessing down.
public struct MariaDBUserRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// - Throws: `.conflict` when the address is taken (addresses are unique across organizations).
    public func create(_ user: NewUser, createdBy: UUID?) throws -> User {
        let id = UUID()
        try connection.execute(
            """
                INSERT INTO users (id, organization_id, email, password_hash, role, is_platform_admin, created_by)
                VALUES (\(id), \(user.organizationId), \(user.email), \(user.passwordHash), \(user.role.rawValue), \(user.isPlatformAdmin), \(createdBy))
                """,
            conflict: DomainError(.conflict, "A user with the address \(user.email) already exists.", fieldErrors: [FieldError("email", "is already taken")]))
        guard let created = try find(id) else { throw DomainError.notFound("User") }
        return created
    }

    public func find(_ id: UUID) throws -> User? {
        try connection.query("SELECT \(Self.columns) FROM users WHERE id = \(id)").first.map { try Self.user($0) }
    }

    /// The user and their password hash, for signing in.
    public func credentials(email: String) throws -> (user: User, passwordHash: String)? {
        guard let row = try connection.query("SELECT \(Self.columns), password_hash FROM users WHERE email = \(email)").first else {
            return nil
        }
        return (try Self.user(row), try row.text("password_hash"))
    }

    /// Sets a new password hash (and role or platform flag when given); used by `budgetd user add` on an existing address.
    public func update(email: String, passwordHash: String, role: Role?, isPlatformAdmin: Bool?) throws -> User? {
        try connection.execute("""
            UPDATE users SET password_hash = \(passwordHash), role = COALESCE(\(role?.rawValue), role),
                is_platform_admin = COALESCE(\(isPlatformAdmin), is_platform_admin)
            WHERE email = \(email)
            """)
        return try credentials(email: email)?.user
    }

    public func list(organizationId: UUID) throws -> [User] {
        try connection.query("SELECT \(Self.columns) FROM users WHERE organization_id = \(organizationId) ORDER BY email").map { try Self.user($0) }
    }

    // MARK: - Failed sign-ins

    public func failedSignIns(email: String, since: Date) throws -> Int {
        try connection.query(
            "SELECT COUNT(*) AS n FROM login_failures WHERE email = \(email) AND failed_at >= \(UTCTimestamp.sql(since))"
        ).first?.int("n") ?? 0
    }

    public func recordFailedSignIn(email: String, at date: Date) throws {
        try connection.execute("INSERT INTO login_failures (email, failed_at) VALUES (\(email), \(UTCTimestamp.sql(date)))")
        try connection.execute("DELETE FROM login_failures WHERE failed_at < \(UTCTimestamp.sql(date.addingTimeInterval(-86_400)))")
    }

    public func clearFailedSignIns(email: String) throws {
        try connection.execute("DELETE FROM login_failures WHERE email = \(email)")
    }

    static let columns: SQLQuery = SQLQuery(sql: "id, organization_id, email, role, is_platform_admin, created_at")

    static func user(_ row: Row) throws -> User {
        User(
            id: try row.uuid("id"), organizationId: row.optionalUUID("organization_id"), email: try row.text("email"),
            role: try row.enumeration("role", as: Role.self), isPlatformAdmin: row.bool("is_platform_admin") ?? false,
            createdAt: try row.timestamp("created_at"))
    }
}
