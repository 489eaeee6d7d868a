public import Logging
public import MariaDB

/// What one worker thread owns while it serves requests: its database connection.
///
/// Never shared between threads; handlers receive the context of the thread that runs them.
public final class RequestContext {
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
