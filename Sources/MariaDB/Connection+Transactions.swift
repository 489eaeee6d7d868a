import Foundation

extension Connection {
    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws. The one
    /// way to write (see `Transaction`).
    ///
    /// When InnoDB picks this transaction as a deadlock victim or a lock wait times out, the whole
    /// body runs again, up to `attempts` times, after a short random pause (so two victims do not
    /// meet again at once): callers see a conflict only when it persists. A body that cannot be
    /// replayed (it consumes a stream) passes `attempts: 1`.
    @discardableResult
    public func transaction<T>(attempts: Int = 5, _ body: (Transaction) throws -> T) throws -> T {
        var attempt = 1
        while true {
            try execute("START TRANSACTION")
            do {
                let result = try body(Transaction(connection: self))
                try execute("COMMIT")
                StorageAlarm.clear()
                return result
            } catch {
                if !isBroken { _ = try? execute("ROLLBACK") }
                if let db = error as? MariaDBError, db.kind == .transactionConflict, attempt < attempts {
                    Thread.sleep(forTimeInterval: Double.random(in: 0.002...0.03) * Double(attempt * attempt))
                    attempt += 1
                    continue
                }
                throw error
            }
        }
    }

    /// Takes a named lock held by this connection until released or the connection ends.
    /// - Returns: false when another session holds it after `timeoutSeconds`.
    public func acquireLock(_ name: String, timeoutSeconds: Int = 0) throws(MariaDBError) -> Bool {
        try query("SELECT GET_LOCK(\(name), \(timeoutSeconds)) AS acquired").first?.int("acquired") == 1
    }

    /// Whether this connection holds the named lock now.
    public func holdsLock(_ name: String) throws(MariaDBError) -> Bool {
        try query("SELECT IS_USED_LOCK(\(name)) = CONNECTION_ID() AS mine").first?.int("mine") == 1
    }

    public func releaseLock(_ name: String) throws(MariaDBError) {
        try query("SELECT RELEASE_LOCK(\(name)) AS released")
    }
}

extension Connection {
    /// Runs a schema change (DDL), which MariaDB commits by itself: for migrations only.
    public func executeSchemaChange(_ query: SQLQuery) throws(MariaDBError) {
        try execute(query)
    }
}
