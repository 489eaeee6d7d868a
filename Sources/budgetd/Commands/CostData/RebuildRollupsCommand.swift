import ArgumentParser
import CostData
import Foundation
import Kernel
import MariaDB

/// `budgetd rebuild-rollups`: the daily rollups recomputed from the line items, for an operator who
/// changed line items by hand (the import keeps them by itself).
struct RebuildRollupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-rollups",
        abstract: "Recompute the daily cost rollups from the cost line items (all connections, or one).",
        discussion: """
            Imports keep the rollups in their own transaction; this is for line items written by other means. Each \
            connection is rebuilt in one transaction, so reports read either the old or the new figures, never a mix.
            """
    )

    @Option(help: "Only this connection's rollups.")
    var connection: String?

    func run() throws {
        let configuration = try Startup.configuration()
        let only = try connection.map { text -> UUID in
            guard let id = UUID(canonical: text) else { throw ValidationError("--connection: not a UUID") }
            return id
        }
        do {
            let db = try Connection(configuration: configuration.database)
            let ids = try only.map { [$0] } ?? DailyRollups.connectionsWithCosts(in: db)
            for id in ids {
                try db.transaction { tx in try DailyRollups.rebuildAll(connectionId: id, in: tx) }
            }
            print("rebuilt the daily rollups of \(ids.count) connection(s)")
        } catch {
            Startup.fail("\(error)")
        }
    }
}
