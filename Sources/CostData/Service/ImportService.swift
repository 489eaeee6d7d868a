public import Foundation
public import Kernel
public import Logging
public import MariaDB
public import Tenancy

/// Told of every import once its transaction committed: what the new figures mean (thresholds,
/// anomalies) is another feature's business, wired in by the composition.
public protocol ImportObserver: Sendable {
    /// Failures are the observer's to log: the import itself succeeded.
    /// - Returns: one line for the operator saying what followed (`evaluated: breaches=1 …`), or `nil`.
    @discardableResult
    func imported(_ summary: ImportSummary, organizationId: UUID, db: Connection, now: Date, logger: Logger) -> String?
}

/// An import and what its observers did after it.
public struct ImportOutcome: Sendable {
    public let summary: ImportSummary
    /// The observers' lines, in order (`budgetd import-costs` prints them).
    public let followUps: [String]
}

/// The import use cases, shared by the API, the upload page and `budgetd import-costs`: a FOCUS
/// file into one connection (see `CostImporter`), then the observers; and the import history.
public struct ImportService {
    public let db: Connection
    public let now: @Sendable () -> Date
    public let observers: [any ImportObserver]
    public let logger: Logger

    public init(db: Connection, now: @escaping @Sendable () -> Date, observers: [any ImportObserver], logger: Logger) {
        self.db = db
        self.now = now
        self.observers = observers
        self.logger = logger
    }

    /// - Throws: `DomainError` `.invalid` for a refused file (each problem a field error, nothing
    ///   changed), `.notFound` for another organization's connection, `MariaDBError` when the
    ///   database fails.
    public func importFile(_ request: ImportRequest, read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int,
                           progress: (ImportProgress) -> Void = { _ in }) throws -> ImportOutcome {
        let summary: ImportSummary
        do {
            summary = try CostImporter(connection: db, now: now).run(request, read: read, progress: progress)
        } catch let error as ImportError {
            throw error.domainError
        }
        let followUps = observers.compactMap { observer in
            observer.imported(summary, organizationId: request.organizationId, db: db, now: now(), logger: logger)
        }
        return ImportOutcome(summary: summary, followUps: followUps)
    }

    /// The connection's recent imports, newest first; another tenant's connection is `.notFound`.
    public func history(connectionId: UUID, limit: Int = 50, for principal: Principal) throws -> [ImportRecord] {
        try ImportLog.recent(connectionId: try connection(connectionId, for: principal).id, limit: limit, in: db)
    }

    /// One import into the connection, by its number (`importId`), refused or not.
    public func record(_ number: Int64, connectionId: UUID, for principal: Principal) throws -> (CSPConnection, ImportRecord) {
        let csp = try connection(connectionId, for: principal)
        guard let record = try ImportLog.find(number: number, connectionId: csp.id, in: db) else { throw DomainError.notFound("Import") }
        return (csp, record)
    }

    private func connection(_ id: UUID, for principal: Principal) throws -> CSPConnection {
        guard let csp = try ConnectionDirectory.connection(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Connection")
        }
        return csp
    }
}
