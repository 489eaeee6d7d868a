public import MariaDB

/// Applies migrations in order, recording each one as soon as it succeeds.
///
/// MariaDB commits DDL implicitly, so a file cannot be rolled back as a whole: files are kept
/// small and written with `IF NOT EXISTS`, and each is recorded the moment its last statement
/// succeeds. A lock keeps two `migrate` runs from interleaving. A file whose text changed after it
/// was applied stops the run: the database would no longer match the repository.
public struct Migrator {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// - Returns: the file names applied by this run (empty when the schema was up to date).
    /// - Throws: `MigrationError` naming the file (and line) with the server's error.
    @discardableResult
    public func migrate(_ migrations: [Migration], progress: (String) -> Void = { _ in }) throws(MigrationError) -> [String] {
        do {
            guard try connection.acquireLock("budgetd.migrate", timeoutSeconds: 60) else {
                throw MigrationError(file: "-", message: "another migration run holds the lock for 60 s; try again")
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw MigrationError(file: "-", message: "\(error)")
        }
        defer { try? connection.releaseLock("budgetd.migrate") }

        let applied = try appliedChecksums()
        var ran: [String] = []
        for migration in migrations {
            let checksum = try self.checksum(of: migration)
            if let recorded = applied[migration.version] {
                guard recorded == checksum else {
                    throw MigrationError(file: migration.fileName, message: "was changed after it was applied; add a new migration instead")
                }
                continue
            }
            progress("applying \(migration.fileName)")
            for statement in SQLScript.statements(in: migration.sql) {
                do {
                    try connection.executeSchemaChange(SQLQuery(sql: statement.sql))
                } catch {
                    throw MigrationError(file: migration.fileName, line: statement.line, message: "\(error.message) (MariaDB error \(error.code))")
                }
            }
            do {
                try connection.transaction { tx in
                    try tx.execute(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.fileName), \(checksum))")
                }
            } catch {
                throw MigrationError(file: migration.fileName, message: "applied, but could not be recorded: \(error)")
            }
            ran.append(migration.fileName)
        }
        return ran
    }

    private func appliedChecksums() throws(MigrationError) -> [Int: String] {
        do {
            try connection.executeSchemaChange("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INT UNSIGNED NOT NULL PRIMARY KEY,
                    name VARCHAR(255) NOT NULL,
                    checksum CHAR(64) NOT NULL,
                    applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
                """)
            var result: [Int: String] = [:]
            for row in try connection.query("SELECT version, checksum FROM schema_migrations") {
                if let version = row.int("version"), let checksum = row["checksum"] { result[version] = checksum }
            }
            return result
        } catch {
            throw MigrationError(file: "schema_migrations", message: "\(error.message) (MariaDB error \(error.code))")
        }
    }

    /// SHA-256 of the file's text, computed by the server so no hashing code is needed here.
    private func checksum(of migration: Migration) throws(MigrationError) -> String {
        do {
            return try connection.query("SELECT SHA2(\(migration.sql), 256) AS checksum").first?["checksum"] ?? ""
        } catch {
            throw MigrationError(file: migration.fileName, message: "\(error.message)")
        }
    }
}
