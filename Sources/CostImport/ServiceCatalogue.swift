import BudgetCore
import BudgetStorage
import Foundation

/// A connection's service catalogue during an import: loaded once, and a name new to it added,
/// inside the import's transaction, the first time a row names it.
struct ServiceCatalogue {
    let connectionId: UUID
    let repository: MariaDBConnectionRepository
    private var ids: [String: UUID] = [:]
    /// The services this import added, for its summary.
    private(set) var added: Set<String> = []

    init(connectionId: UUID, repository: MariaDBConnectionRepository) throws {
        self.connectionId = connectionId
        self.repository = repository
        for service in try repository.services(connectionId: connectionId) { ids[service.serviceName] = service.id }
    }

    /// The catalogue id of `name`; a new service gets `category`, the first one a row gave it.
    mutating func id(of name: String, category: String?) throws -> UUID {
        if let id = ids[name] { return id }
        let id = try repository.ensureService(connectionId: connectionId, name: name, category: category)
        added.insert(name)
        ids[name] = id
        return id
    }
}
