/// An error from the server or the client library, with what an operator needs to find the cause.
///
/// `description` is safe to log: it holds codes and the server's message but never bound values.
/// Clients of the HTTP API never see it; they get a status and a generic message.
public struct MariaDBError: Error, Sendable, CustomStringConvertible {
    /// What callers branch on; the raw code stays in `code`.
    public enum Kind: Sendable, Equatable {
        /// The server cannot be reached or the connection dropped: retry later on a new connection.
        case unavailable
        /// A UNIQUE or PRIMARY KEY was violated (ER_DUP_ENTRY).
        case duplicateKey
        /// A CHECK or FOREIGN KEY constraint refused the row.
        case constraintViolation
        /// A value does not fit its column (too long, out of range, not of its type) under strict
        /// SQL mode: input that slipped past validation.
        case valueRejected
        /// InnoDB chose this transaction as a deadlock victim or a lock wait timed out: retry the transaction.
        case transactionConflict
        /// The server takes no writes now (`read_only`, a read-only transaction or storage engine):
        /// reads still work; writes should wait until an operator makes it writable again.
        case readOnly
        /// A table or the disk is full: nothing more can be written until an operator makes room.
        case storageFull
        /// Anything else: a bug or a misconfiguration.
        case other
    }

    public let kind: Kind
    /// The MariaDB error number (server `ER_*` or client `CR_*`).
    public let code: UInt32
    public let sqlState: String
    public let message: String
    /// The SQL text (with `?` placeholders, never values) or the C function that failed.
    public let context: String

    public init(code: UInt32, sqlState: String, message: String, context: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.context = context
        self.kind = MariaDBError.kind(of: code, message: message)
    }

    /// The server, not the statement, is the problem (down, read-only, full): the same work will
    /// succeed later unchanged, so keep it and retry rather than give it up.
    public var isServerCondition: Bool { kind == .unavailable || kind == .readOnly || kind == .storageFull }

    public var description: String { "MariaDB error \(code) (\(sqlState)): \(message) [\(context)]" }

    static func kind(of code: UInt32) -> Kind {
        switch code {
        // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST, CR_SERVER_LOST_EXTENDED,
        // CR_SERVER_HANDSHAKE_ERR, ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED, ER_CON_COUNT_ERROR, CR_ERR_NET_WRITE/READ, ER_CLIENT_INTERACTION_TIMEOUT
        case 2002, 2003, 2006, 2013, 2055, 2012, 1053, 1927, 1040, 5013, 5014, 4031: .unavailable
        case 1062, 1586: .duplicateKey
        case 4025, 1451, 1452, 3819: .constraintViolation
        // ER_DATA_TOO_LONG, ER_WARN_DATA_OUT_OF_RANGE, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, ER_TRUNCATED_WRONG_VALUE, ER_BAD_NULL_ERROR
        case 1406, 1264, 1366, 1292, 1048: .valueRejected
        case 1213, 1205: .transactionConflict
        // ER_OPTION_PREVENTS_STATEMENT (--read-only), ER_READ_ONLY_MODE (InnoDB), ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
        case 1290, 1836, 1792: .readOnly
        // ER_RECORD_FILE_FULL ("The table is full"), ER_DISK_FULL, ER_OUTOFMEMORY in the storage engine
        case 1114, 1021: .storageFull
        default: .other
        }
    }

    /// The kind, looking at the message where the code alone is ambiguous: a storage engine's
    /// "Got error 28 (No space left on device)" arrives as the generic ER_GET_ERRNO.
    static func kind(of code: UInt32, message: String) -> Kind {
        if code == 1030 || code == 3 || code == 1026 {
            if message.contains("No space left") || message.contains("error 28") || message.contains("errno: 28") { return .storageFull }
            if message.contains("read only") || message.contains("read-only") { return .readOnly }
        }
        return kind(of: code)
    }
}
