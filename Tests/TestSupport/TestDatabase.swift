import Persistence
import Foundation
public import MariaDB

/// Throwaway databases on the MariaDB that `scripts/test` starts.
///
/// Each suite gets its own database with `sql/` applied, dropped when the suite is done. Without
/// `BUDGETD_TEST_DB_SOCKET` the suites skip themselves (a developer's laptop); `scripts/test` sets
/// `BUDGETD_TEST_REQUIRE_DB=1`, under which a missing database is a failure, not a skip.
public enum TestDatabase {
    public static var socket: String? { ProcessInfo.processInfo.environment["BUDGETD_TEST_DB_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } }
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["BUDGETD_TEST_REQUIRE_DB"] == "1" }
    /// Use as `@Suite(.enabled(if: TestDatabase.isAvailable))`.
    public static var isAvailable: Bool { socket != nil || isRequired }

    /// The repository's `sql/` directory.
    public static let sqlDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sql").path
    }()

    public static func rootConfiguration(database: String?) throws -> ConnectionConfiguration {
        guard let socket else { throw TestDatabaseError.notConfigured }
        return ConnectionConfiguration(socket: socket, user: "root", database: database)
    }

    /// A new empty database, migrated unless `migrated` is false.
    public static func create(migrated: Bool = true) throws -> ThrowawayDatabase {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try Connection(configuration: rootConfiguration(database: nil))
        // A generated identifier (not a value), so it is spliced in; values are always bound.
        try admin.executeSchemaChange(SQLQuery(sql: "CREATE DATABASE `\(name)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
        let database = ThrowawayDatabase(name: String(name), configuration: try rootConfiguration(database: String(name)))
        if migrated {
            let connection = try database.connect()
            try Migrator(connection: connection).migrate(try Migration.load(from: sqlDirectory))
        }
        return database
    }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
    case notConfigured
    public var description: String { "BUDGETD_TEST_DB_SOCKET is not set; run the tests through scripts/test" }
}

/// A database that exists for one suite and is dropped when released.
public final class ThrowawayDatabase: Sendable {
    public let name: String
    public let configuration: ConnectionConfiguration

    init(name: String, configuration: ConnectionConfiguration) {
        self.name = name
        self.configuration = configuration
    }

    public func connect() throws -> Connection { try Connection(configuration: configuration) }

    deinit {
        if let admin = try? Connection(configuration: TestDatabase.rootConfiguration(database: nil)) {
            try? admin.executeSchemaChange(SQLQuery(sql: "DROP DATABASE IF EXISTS `\(name)`"))
        }
    }
}
