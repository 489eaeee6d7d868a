public import BudgetCore
public import Foundation
public import MariaDB

/// CSP connections and their service catalogues, always within one organization.
public struct MariaDBConnectionRepository {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func list(organizationId: UUID) throws -> [CSPConnection] {
        try connection.query("""
            SELECT \(Self.columns) FROM csp_connections WHERE organization_id = \(organizationId) ORDER BY name
            """).map { try Self.cspConnection($0) }
    }

    /// The connection if it belongs to `organizationId`; another tenant's connection is `nil`, like a missing one.
    public func find(_ id: UUID, organizationId: UUID) throws -> CSPConnection? {
        try connection.query("""
            SELECT \(Self.columns) FROM csp_connections WHERE id = \(id) AND organization_id = \(organizationId)
            """).first.map { try Self.cspConnection($0) }
    }

    /// Any connection by id, whatever its organization: for operators' command-line tools only.
    public func find(anyOrganization id: UUID) throws -> CSPConnection? {
        guard let row = try connection.query("SELECT \(Self.columns) FROM csp_connections WHERE id = \(id)").first else { return nil }
        return try Self.cspConnection(row)
    }

    /// - Throws: `.conflict` when the organization already has a connection with that name.
    public func create(organizationId: UUID, name: String, provider: Provider, currency: String, createdBy: UUID?) throws -> CSPConnection {
        let id = UUID()
        try connection.execute(
            """
                INSERT INTO csp_connections (id, organization_id, name, provider, currency, created_by)
                VALUES (\(id), \(organizationId), \(name), \(provider.rawValue), \(currency), \(createdBy))
                """,
            conflict: DomainError(.conflict, "A connection named \"\(name)\" already exists.", fieldErrors: [FieldError("name", "is already taken")]))
        guard let created = try find(id, organizationId: organizationId) else { throw DomainError.notFound("Connection") }
        return created
    }

    // MARK: - Service catalogue

    public func services(connectionId: UUID) throws -> [CSPService] {
        try connection.query("""
            SELECT id, csp_connection_id, service_name, service_category FROM csp_services
            WHERE csp_connection_id = \(connectionId) ORDER BY service_name
            """).map { try Self.service($0) }
    }

    /// - Throws: `.conflict` when the connection already lists the service.
    public func createService(connectionId: UUID, name: String, category: String?) throws -> CSPService {
        let id = UUID()
        try connection.execute(
            """
                INSERT INTO csp_services (id, csp_connection_id, service_name, service_category)
                VALUES (\(id), \(connectionId), \(name), \(category))
                """,
            conflict: DomainError(.conflict, "This connection already has a service named \"\(name)\".",
                              fieldErrors: [FieldError("serviceName", "is already in the catalogue")]))
        return CSPService(id: id, cspConnectionId: connectionId, serviceName: name, serviceCategory: category)
    }

    /// The id of the named service, adding it to the catalogue first if it is new (imports fill the catalogue this way).
    public func ensureService(connectionId: UUID, name: String, category: String?) throws -> UUID {
        if let row = try connection.query("""
            SELECT id FROM csp_services WHERE csp_connection_id = \(connectionId) AND service_name = \(name)
            """).first {
            return try row.uuid("id")
        }
        try connection.execute("""
            INSERT IGNORE INTO csp_services (id, csp_connection_id, service_name, service_category)
            VALUES (\(UUID()), \(connectionId), \(name), \(category))
            """)
        guard let row = try connection.query("""
            SELECT id FROM csp_services WHERE csp_connection_id = \(connectionId) AND service_name = \(name)
            """).first else { throw DomainError.notFound("Service") }
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
