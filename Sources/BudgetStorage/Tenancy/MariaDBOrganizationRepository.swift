public import BudgetCore
public import Foundation
public import MariaDB

/// Organizations: created together with their first administrator, in one transaction.
public struct MariaDBOrganizationRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Creates the organization and its first admin.
    /// - Throws: `.conflict` when the name or the admin's address is taken.
    public func create(name: String, adminEmail: String, adminPasswordHash: String, createdBy: UUID?) throws -> (Organization, User) {
        try connection.transaction {
            let id = UUID()
            try connection.execute(
                "INSERT INTO organizations (id, name, created_by) VALUES (\(id), \(name), \(createdBy))",
                conflict: DomainError(.conflict, "An organization named \"\(name)\" already exists."))
            let admin = try MariaDBUserRepository(connection: connection).create(
                NewUser(organizationId: id, email: adminEmail, passwordHash: adminPasswordHash, role: .admin, isPlatformAdmin: false),
                createdBy: createdBy)
            guard let organization = try find(id) else { throw DomainError.notFound("Organization") }
            return (organization, admin)
        }
    }

    /// An organization without users yet (the command line and the demo data add them).
    public func createEmpty(name: String, createdBy: UUID? = nil) throws -> Organization {
        let id = UUID()
        try connection.execute(
            "INSERT INTO organizations (id, name, created_by) VALUES (\(id), \(name), \(createdBy))",
            conflict: DomainError(.conflict, "An organization named \"\(name)\" already exists."))
        guard let organization = try find(id) else { throw DomainError.notFound("Organization") }
        return organization
    }

    public func find(_ id: UUID) throws -> Organization? {
        try connection.query("SELECT id, name, created_at FROM organizations WHERE id = \(id)").first.map { try Self.organization($0) }
    }

    public func find(named name: String) throws -> Organization? {
        try connection.query("SELECT id, name, created_at FROM organizations WHERE name = \(name)").first.map { try Self.organization($0) }
    }

    static func organization(_ row: Row) throws -> Organization {
        Organization(id: try row.uuid("id"), name: try row.text("name"), createdAt: try row.timestamp("created_at"))
    }
}
