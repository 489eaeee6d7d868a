/// A thread's own connection, opened on first use and replaced when it breaks.
///
/// This is how a worker survives the database going away: a request that finds the server down
/// gets `.unavailable` at once (no retry storm: after a failed attempt the slot waits `retryDelay`
/// before dialling again), and the first request after the server is back reconnects.
public final class ConnectionSlot {
    public let configuration: ConnectionConfiguration
    private let retryDelay: Duration
    private var current: Connection?
    private var lastFailure: (at: ContinuousClock.Instant, error: MariaDBError)?

    public init(configuration: ConnectionConfiguration, retryDelay: Duration = .milliseconds(500)) {
        self.configuration = configuration
        self.retryDelay = retryDelay
    }

    /// The live connection, reconnecting if the last one broke.
    /// - Throws: `MariaDBError` (`.unavailable`) while the server cannot be reached.
    public func connection() throws(MariaDBError) -> Connection {
        if let current, !current.isBroken { return current }
        current = nil
        if let lastFailure, ContinuousClock.now - lastFailure.at < retryDelay {
            throw lastFailure.error
        }
        do {
            let connection = try Connection(configuration: configuration)
            current = connection
            lastFailure = nil
            return connection
        } catch {
            lastFailure = (ContinuousClock.now, error)
            throw error
        }
    }

    /// Whether the server answers now (reconnecting if needed); for health checks.
    public func isHealthy() -> Bool {
        guard let connection = try? connection() else { return false }
        return connection.ping()
    }

    /// Closes the connection; the next `connection()` opens a new one.
    public func close() { current = nil }
}
