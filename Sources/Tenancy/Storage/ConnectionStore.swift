import Foundation
import Kernel
import MariaDB
import Persistence

/// CSP connections and their service catalogues, always read within one organization.
enum ConnectionStore {
    static func list(organizationId: UUID, in db: any SQLReading) throws -> [CSPConnection] {
        try db.query("""
            SELECT \(columns) FROM csp_connections WHERE organization_id = \(organizationId) ORDER BY name
            """).map(cspConnection)
    }

    /// The connection if it belongs to `organizationId`; another tenant's connection is `nil`, like a missing one.
    static func find(_ id: UUID, organizationId: UUID, in db: any SQLReading) throws -> CSPConnection? {
        try db.query("""
            SELECT \(columns) FROM csp_connections WHERE id = \(id) AND organization_id = \(organizationId)
            """).first.map(cspConnection)
    }

    /// Any connection by id, whatever its organization: for operators' command-line tools only.
    static func find(anyOrganization id: UUID, in db: any SQLReading) throws -> CSPConnection? {
        try db.query("SELECT \(columns) FROM csp_connections WHERE id = \(id)").first.map(cspConnection)
    }

    /// - Throws: `.conflict` when the organization already has a connection with that name.
    static func create(organizationId: UUID, name: String, provider: Provider, currency: String, createdBy: UUID?,
                       in tx: Transaction) throws -> CSPConnection {
        let id = UUID()
        try tx.execute(
            """
                INSERT INTO csp_connections (id, organization_id, name, provider, currency, created_by)
                VALUES (\(id), \(organizationId), \(name), \(provider.rawValue), \(currency), \(createdBy))
                """,
            conflict: DomainError(.conflict, "A connection named \"\(name)\" already exists.", fieldErrors: [FieldError("name", "is already taken")]))
        guard let created = try find(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Connection") }
        return created
    }

    /// - Throws: `.conflict` when another connection of the organization has that name.
    static func rename(_ id: UUID, to name: String, in tx: Transaction) throws {
        try tx.execute(
            "UPDATE csp_connections SET name = \(name) WHERE id = \(id)",
            conflict: DomainError(.conflict, "A connection named \"\(name)\" already exists.", fieldErrors: [FieldError("name", "is already taken")]))
    }

    // MARK: - Service catalogue

    /// The catalogue of a connection; the caller has checked the connection is the caller's organization's.
    static func services(connectionId: UUID, in db: any SQLReading) throws -> [CSPService] {
        try db.query("""
            SELECT id, csp_connection_id, service_name, service_category FROM csp_services
            WHERE csp_connection_id = \(connectionId) ORDER BY service_name
            """).map(service)
    }

    /// The catalogues of several connections, in one query.
    static func services(connectionIds: [UUID], in db: any SQLReading) throws -> [UUID: [CSPService]] {
        guard !connectionIds.isEmpty else { return [:] }
        var byConnection: [UUID: [CSPService]] = [:]
        for row in try db.query("""
            SELECT id, csp_connection_id, service_name, service_category FROM csp_services
            WHERE csp_connection_id IN (\(list: connectionIds)) ORDER BY service_name
            """) {
            let service = try service(row)
            byConnection[service.cspConnectionId, default: []].append(service)
        }
        return byConnection
    }

    /// - Throws: `.conflict` when the connection already lists the service.
    static func createService(connectionId: UUID, name: String, category: String?, in tx: Transaction) throws -> CSPService {
        let id = UUID()
        try tx.execute(
            """
                INSERT INTO csp_services (id, csp_connection_id, service_name, service_category)
                VALUES (\(id), \(connectionId), \(name), \(category))
                """,
            conflict: DomainError(.conflict, "This connection already has a service named \"\(name)\".",
                              fieldErrors: [FieldError("serviceName", "is already in the catalogue")]))
        return CSPService(id: id, cspConnectionId: connectionId, serviceName: name, serviceCategory: category)
    }

    /// The id of the named service, adding it to the catalogue first if it is new (imports fill the catalogue this way).
    static func ensureService(connectionId: UUID, name: String, category: String?, in tx: Transaction) throws -> UUID {
        let find: SQLQuery = "SELECT id FROM csp_services WHERE csp_connection_id = \(connectionId) AND service_name = \(name)"
        if let row = try tx.query(find).first { return try row.uuid("id") }
        try tx.execute("""
            INSERT IGNORE INTO csp_services (id, csp_connection_id, service_name, service_category)
            VALUES (\(UUID()), \(connectionId), \(name), \(category))
            """)
        guard let row = try tx.query(find).first else { throw DomainError.notFound("Service") }
        return try row.uuid("id")
    }

    static let columns = SQLQuery(sql: "id, organization_id, name, provider, currency, created_at")

    static func cspConnection(_ row: Row) throws -> CSPConnection {
        CSPConnection(
            id: try row.uuid("id"), organizationId: try row.uuid("organization_id"), name: try row.text("name"),
            provider: try row.enumeration("provider", as: Provider.self), currency: try row.text("currency"),
            createdAt: try row.timestamp("created_at"))
    }

    static func service(_ row: Row) throws -> CSPService {
        CSPService(
            id: try row.uuid("id"), cspConnectionId: try row.uuid("csp_connection_id"),
            serviceName: try row.text("service_name"), serviceCategory: row["service_category"])
    }
}
