import Foundation
import Kernel
import MariaDB
import Persistence

/// Organizations.
enum OrganizationStore {
    /// - Throws: `.conflict` when the name is taken.
    static func create(name: String, createdBy: UUID?, in tx: Transaction) throws -> Organization {
        let id = UUID()
        try tx.execute(
            "INSERT INTO organizations (id, name, created_by) VALUES (\(id), \(name), \(createdBy))",
            conflict: DomainError(.conflict, "An organization named \"\(name)\" already exists."))
        guard let organization = try find(id, in: tx) else { throw DomainError.notFound("Organization") }
        return organization
    }

    static func find(_ id: UUID, in db: any SQLReading) throws -> Organization? {
        try db.query("SELECT id, name, created_at FROM organizations WHERE id = \(id)").first.map(organization)
    }

    static func find(named name: String, in db: any SQLReading) throws -> Organization? {
        try db.query("SELECT id, name, created_at FROM organizations WHERE name = \(name)").first.map(organization)
    }

    /// The names of organizations, for telling a person which of their accounts is which.
    static func names(_ ids: [UUID], in db: any SQLReading) throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for row in try db.query("SELECT id, name FROM organizations WHERE id IN (\(list: ids))") {
            names[try row.uuid("id")] = try row.text("name")
        }
        return names
    }

    static func organization(_ row: Row) throws -> Organization {
        Organization(id: try row.uuid("id"), name: try row.text("name"), createdAt: try row.timestamp("created_at"))
    }
}
