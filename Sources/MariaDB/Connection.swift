import CMariaDB

/// One connection to MariaDB, owned by one thread at a time.
///
/// Every statement goes through the binary protocol as a prepared statement with bound values;
/// prepared statements are cached per connection by their SQL text. Reconnecting is the caller's
/// decision (see `ConnectionSlot`): after an `.unavailable` error this connection is `isBroken`
/// and must be replaced, since the server has forgotten its prepared statements.
public final class Connection {
    public let configuration: ConnectionConfiguration
    let handle: UnsafeMutablePointer<MYSQL>
    private var statements: [String: Statement] = [:]
    private var statementOrder: [String] = []
    /// Prepared statements kept per connection; the server allows 16,382 across all connections.
    private let statementCacheLimit = 256
    public private(set) var isBroken = false

    /// Calls `mysql_server_init` once; do this before starting threads that connect.
    public static func initializeLibrary() {
        _ = libraryInitialized
    }

    private static let libraryInitialized: Bool = { cmariadb_library_init() == 0 }()

    /// Frees the library's per-thread state; call before a thread that connected exits.
    public static func threadEnd() { mysql_thread_end() }

    /// Opens a connection, then sets the session up: UTC, utf8mb4, strict SQL mode, READ COMMITTED.
    /// - Throws: `MariaDBError` with kind `.unavailable` when the server cannot be reached.
    public init(configuration: ConnectionConfiguration) throws(MariaDBError) {
        Connection.initializeLibrary()
        guard let handle = mysql_init(nil) else {
            throw MariaDBError(code: 2008, sqlState: "HY000", message: "out of memory", context: "mysql_init")
        }
        self.configuration = configuration
        self.handle = handle
        _ = cmariadb_set_timeouts(handle, configuration.connectTimeout, configuration.readTimeout, configuration.writeTimeout)
        _ = cmariadb_set_charset(handle, "utf8mb4")
        let connected = mysql_real_connect(
            handle,
            configuration.socket == nil ? configuration.host : nil,
            configuration.user,
            configuration.password,
            configuration.database,
            configuration.socket == nil ? configuration.port : 0,
            configuration.socket,
            0
        )
        // Every stored property is set, so throwing from here on runs `deinit`, which closes the handle.
        guard connected != nil else { throw Connection.error(of: handle, context: "connect to \(configuration)") }
        try execute("SET time_zone = '+00:00'")
        try execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")
        try execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")
    }

    deinit { closeAll() }

    private func closeAll() {
        statements.removeAll()  // each Statement closes its handle in deinit, before the connection goes
        statementOrder.removeAll()
        mysql_close(handle)
    }

    /// Runs a statement that returns rows.
    @discardableResult
    public func query(_ query: SQLQuery) throws(MariaDBError) -> [Row] {
        try run(query).rows
    }

    /// Runs a statement for its effect; outside this module only through a `Transaction`.
    /// - Returns: the number of rows changed (for UPDATE, the rows whose values actually changed).
    @discardableResult
    func execute(_ query: SQLQuery) throws(MariaDBError) -> Int {
        try run(query).affectedRows
    }

    /// Runs `query` and returns its rows and affected-row count.
    func run(_ query: SQLQuery) throws(MariaDBError) -> QueryResult {
        guard !isBroken else {
            throw MariaDBError(code: 2006, sqlState: "HY000", message: "connection is broken", context: query.sql)
        }
        do {
            let statement = try statement(for: query.sql)
            return try statement.run(binds: query.binds)
        } catch {
            if error.kind == .unavailable { isBroken = true }
            if error.kind == .storageFull { StorageAlarm.raise() }
            if error.code == 1615 { evict(query.sql) }  // ER_NEED_REPREPARE: the table changed under the cache
            throw error
        }
    }

    /// True when the server answers; marks the connection broken when it does not.
    public func ping() -> Bool {
        if isBroken { return false }
        if mysql_ping(handle) != 0 { isBroken = true }
        return !isBroken
    }

    private func statement(for sql: String) throws(MariaDBError) -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        if statements.count >= statementCacheLimit, let oldest = statementOrder.first {
            evict(oldest)
        }
        statements[sql] = statement
        statementOrder.append(sql)
        return statement
    }

    private func evict(_ sql: String) {
        statements[sql] = nil
        statementOrder.removeAll { $0 == sql }
    }

    static func error(of handle: UnsafeMutablePointer<MYSQL>, context: String) -> MariaDBError {
        MariaDBError(
            code: mysql_errno(handle),
            sqlState: String(cString: mysql_sqlstate(handle)),
            message: String(cString: mysql_error(handle)),
            context: context
        )
    }
}

/// What a statement produced.
public struct QueryResult: Sendable {
    public var rows: [Row]
    public var affectedRows: Int
}
