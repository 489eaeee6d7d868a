public import Foundation
public import MariaDB

/// What other features read and add of the organizations' connections and service catalogues:
/// budgets check their references against it, imports fill the catalogue. Another tenant's
/// connection is `nil`, exactly like one that does not exist.
public enum ConnectionDirectory {
    public static func connection(_ id: UUID, organizationId: UUID, in db: any SQLReading) throws -> CSPConnection? {
        try ConnectionStore.find(id, organizationId: organizationId, in: db)
    }

    /// Any connection by id, whatever its organization: for operators' command-line tools only.
    public static func connection(anyOrganization id: UUID, in db: any SQLReading) throws -> CSPConnection? {
        try ConnectionStore.find(anyOrganization: id, in: db)
    }

    /// The organizations' names, for features that address them (a report e-mail).
    public static func organizationNames(_ ids: [UUID], in db: any SQLReading) throws -> [UUID: String] {
        try OrganizationStore.names(ids, in: db)
    }

    public static func connections(organizationId: UUID, in db: any SQLReading) throws -> [CSPConnection] {
        try ConnectionStore.list(organizationId: organizationId, in: db)
    }

    /// The catalogue of a connection the caller has already found in its organization.
    public static func services(connectionId: UUID, in db: any SQLReading) throws -> [CSPService] {
        try ConnectionStore.services(connectionId: connectionId, in: db)
    }

    public static func services(connectionIds: [UUID], in db: any SQLReading) throws -> [UUID: [CSPService]] {
        try ConnectionStore.services(connectionIds: connectionIds, in: db)
    }

    /// The id of the named service, added to the catalogue in `tx` if it is new.
    public static func ensureService(connectionId: UUID, name: String, category: String?, in tx: Transaction) throws -> UUID {
        try ConnectionStore.ensureService(connectionId: connectionId, name: name, category: category, in: tx)
    }

    /// Creates a connection with its services, as the demo data does; admins use `TenancyService`.
    public static func create(organizationId: UUID, name: String, provider: Provider, currency: String, createdBy: UUID?,
                              in tx: Transaction) throws -> CSPConnection {
        try ConnectionStore.create(organizationId: organizationId, name: name, provider: provider, currency: currency,
                                   createdBy: createdBy, in: tx)
    }

    public static func createService(connectionId: UUID, name: String, category: String?, in tx: Transaction) throws -> CSPService {
        try ConnectionStore.createService(connectionId: connectionId, name: name, category: category, in: tx)
    }
}
