import Foundation
import MariaDB
import Tenancy

/// A connection's service catalogue during an import: loaded once, and a name new to it added,
/// inside the import's transaction, the first time a row names it.
struct ServiceCatalogue {
    let connectionId: UUID
    private var ids: [String: UUID] = [:]
    /// The services this import added, for its summary.
    private(set) var added: Set<String> = []

    init(connectionId: UUID, in tx: Transaction) throws {
        self.connectionId = connectionId
        for service in try ConnectionDirectory.services(connectionId: connectionId, in: tx) { ids[service.serviceName] = service.id }
    }

    /// The catalogue id of `name`; a new service gets `category`, the first one a row gave it.
    mutating func id(of name: String, category: String?, in tx: Transaction) throws -> UUID {
        if let id = ids[name] { return id }
        let id = try ConnectionDirectory.ensureService(connectionId: connectionId, name: name, category: category, in: tx)
        added.insert(name)
        ids[name] = id
        return id
    }
}
