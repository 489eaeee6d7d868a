import ArgumentParser
import CostData
import Persistence
import MariaDB

/// `budgetd migrate`: brings the schema up to date.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the numbered SQL files that have not been applied yet; safe to run again."
    )

    func run() throws {
        let configuration = try Startup.configuration()
        do {
            let connection = try Connection(configuration: configuration.database)
            let migrations = try Migration.load(from: configuration.sqlDirectory)
            let applied = try Migrator(connection: connection).migrate(migrations) { print($0) }
            print(applied.isEmpty ? "schema is up to date (\(migrations.count) migrations)" : "applied \(applied.count) migration(s)")
            // Line items imported before tags were normalized get their tag sets, and every
            // connection's rollups by tag and resource, once, when the migration that adds them runs.
            if applied.contains(where: { $0.hasPrefix("026_") }) {
                let ids = try DailyRollups.connectionsWithCosts(in: connection)
                for id in ids { try connection.transaction { tx in try DailyRollups.rebuildAll(connectionId: id, in: tx) } }
                print("normalized the tags and rebuilt the rollups of \(ids.count) connection(s)")
            }
        } catch let error as MigrationError {
            Startup.fail("migration failed: \(configuration.sqlDirectory)/\(error)")
        } catch {
            Startup.fail("\(error)")
        }
    }
}
