public import Logging
public import MariaDB

/// What one worker thread owns while it serves requests: its database connection and its logger.
///
/// Never shared between threads; the route groups' middleware turn it into the context a
/// handler needs (`OpenContext`, `APIContext`, `PageContext`, `FormContext`).
public final class ThreadContext {
    public let database: ConnectionSlot
    public var logger: Logger

    public init(database: ConnectionSlot, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// The thread's live connection.
    /// - Throws: `MariaDBError` `.unavailable` while the database is down (answered as 503).
    public func connection() throws(MariaDBError) -> Connection {
        try database.connection()
    }
}
