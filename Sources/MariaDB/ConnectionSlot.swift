/// A thread's own connection, opened on first use and replaced when it breaks.
///
/// This is how a worker survives the database going away: a request that finds the server down
/// gets `.unavailable` at once (no retry storm: after a failed attempt the slot waits `retryDelay`
/// before dialling again), and the first request after the server is back reconnects. A connection
/// that sat idle for longer than `idleCheck` is pinged before it is handed out, so a server that
/// restarted in the meantime costs a reconnect, not a failed request.
public final class ConnectionSlot {
    public let configuration: ConnectionConfiguration
    private let retryDelay: Duration
    private let idleCheck: Duration
    private var current: Connection?
    private var lastUsed = ContinuousClock.now
    private var lastFailure: (at: ContinuousClock.Instant, error: MariaDBError)?

    public init(configuration: ConnectionConfiguration, retryDelay: Duration = .milliseconds(500), idleCheck: Duration = .seconds(1)) {
        self.configuration = configuration
        self.retryDelay = retryDelay
        self.idleCheck = idleCheck
    }

    /// The live connection, reconnecting if the last one broke.
    /// - Throws: `MariaDBError` (`.unavailable`) while the server cannot be reached.
    public func connection() throws(MariaDBError) -> Connection {
        let now = ContinuousClock.now
        if let current, !current.isBroken, now - lastUsed < idleCheck || current.ping() {
            lastUsed = now
            return current
        }
        current = nil
        if let lastFailure, ContinuousClock.now - lastFailure.at < retryDelay {
            throw lastFailure.error
        }
        do {
            let connection = try Connection(configuration: configuration)
            current = connection
            lastUsed = ContinuousClock.now
            lastFailure = nil
            return connection
        } catch {
            lastFailure = (ContinuousClock.now, error)
            throw error
        }
    }

    /// Whether the server answers now (reconnecting if needed) and takes writes; for health checks.
    public func health() -> DatabaseHealth {
        guard let connection = try? connection(), connection.ping() else { return .unavailable }
        guard let row = try? connection.query("SELECT @@global.read_only AS server, @@global.innodb_read_only AS engine").first else {
            return connection.isBroken ? .unavailable : .ok
        }
        if row.int("server") == 1 || row.int("engine") == 1 { return .readOnly }
        return StorageAlarm.isRaised ? .full : .ok
    }

    /// Closes the connection; the next `connection()` opens a new one.
    public func close() { current = nil }
}
