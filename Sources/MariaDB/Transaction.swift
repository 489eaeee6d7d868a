/// What reads: a connection outside any transaction, or a transaction.
public protocol SQLReading {
    /// Runs a statement that returns rows.
    @discardableResult
    func query(_ query: SQLQuery) throws(MariaDBError) -> [Row]
}

extension Connection: SQLReading {}

/// The one handle that writes. Only `Connection.transaction` makes one, so every INSERT, UPDATE
/// and DELETE of the program happens inside a transaction, with its deadlock retry, and a storage
/// function that changes data says so by taking a `Transaction` (GRDB's `write { db in }`).
public struct Transaction: SQLReading {
    public let connection: Connection

    init(connection: Connection) { self.connection = connection }

    @discardableResult
    public func query(_ query: SQLQuery) throws(MariaDBError) -> [Row] { try connection.query(query) }

    /// Runs a statement for its effect.
    /// - Returns: the number of rows changed (for UPDATE, the rows whose values actually changed).
    @discardableResult
    public func execute(_ query: SQLQuery) throws(MariaDBError) -> Int { try connection.execute(query) }
}
