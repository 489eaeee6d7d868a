import ArgumentParser
import BudgetCore
import Foundation
import MariaDB

/// `budgetd demo load`: the demo tenants, for the local stack.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data for a local stack.",
        subcommands: [Load.self]
    )

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the demo organizations, connections, users and budgets (what exists is left alone).",
            discussion: "Run `budgetd user add --platform-admin --organization 'Distro Nation' --email …` first; that user owns the demo."
        )

        @Option(help: "The demo administrator's address.")
        var admin = "admin@example.com"

        func run() throws {
            let configuration = try Startup.configuration()
            do {
                let connection = try Connection(configuration: configuration.database)
                let (organization, connections) = try DemoTenants(connection: connection, now: Date()).load(adminEmail: admin)
                print("demo: \(organization.name) with \(connections.count) connections; users editor@distronation.example and viewer@distronation.example (password demo)")
            } catch {
                Startup.fail("\(error)")
            }
        }
    }
}
