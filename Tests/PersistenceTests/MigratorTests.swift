import Persistence
import Foundation
import MariaDB
import TestSupport
import Testing

@Suite("Migrations", .enabled(if: TestDatabase.isAvailable))
struct MigratorTests {
    @Test("applies every file once; a second run changes nothing")
    func idempotent() throws {
        let database = try TestDatabase.create(migrated: false)
        let connection = try database.connect()
        let migrations = try Migration.load(from: TestDatabase.sqlDirectory)
        let first = try Migrator(connection: connection).migrate(migrations)
        #expect(first == migrations.map(\.fileName))
        #expect(try Migrator(connection: connection).migrate(migrations).isEmpty)
        let recorded = try connection.query("SELECT COUNT(*) AS n FROM schema_migrations").first?.int("n")
        #expect(recorded == migrations.count)
        let charset = try connection.query("""
            SELECT COUNT(*) AS n FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_collation <> 'utf8mb4_unicode_ci'
            """).first?.int("n")
        #expect(charset == 0, "every table is utf8mb4")
    }

    @Test("a failing file stops the run with its name, line and the server's message; earlier files stay applied")
    func failure() throws {
        let database = try TestDatabase.create(migrated: false)
        let connection = try database.connect()
        let migrations = [
            Migration(version: 1, fileName: "001_ok.sql", sql: "CREATE TABLE IF NOT EXISTS ok_table (id INT PRIMARY KEY);"),
            Migration(version: 2, fileName: "002_broken.sql", sql: "CREATE TABLE a (id INT);\n\nCREATE TABLE b (id INT,, x);"),
        ]
        let error = #expect(throws: MigrationError.self) { try Migrator(connection: connection).migrate(migrations) }
        #expect(error?.file == "002_broken.sql")
        #expect(error?.line == 3)
        #expect(error?.message.contains("SQL syntax") == true)
        #expect(try connection.query("SELECT name FROM schema_migrations").compactMap { $0["name"] } == ["001_ok.sql"])
    }

    @Test("a file changed after it was applied is refused")
    func changedFile() throws {
        let database = try TestDatabase.create(migrated: false)
        let connection = try database.connect()
        try Migrator(connection: connection).migrate([Migration(version: 1, fileName: "001_a.sql", sql: "CREATE TABLE x (id INT);")])
        let error = #expect(throws: MigrationError.self) {
            try Migrator(connection: connection).migrate([Migration(version: 1, fileName: "001_a.sql", sql: "CREATE TABLE x (id BIGINT);")])
        }
        #expect(error?.message.contains("changed after it was applied") == true)
    }
}
