import Allocation
import ArgumentParser
import Budgets
import CostData
import Foundation
import Kernel
import MariaDB
import Reporting
import Tenancy

/// `budgetd demo load`: the demo tenants, for the local stack.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Demo data for a local stack.",
        subcommands: [Load.self, Restate.self]
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
                let now = Date()
                // Each feature's demo data, in dependency order: tenants, their budgets and costs, the reports on them, the tag policy.
                let tenancy = try TenancyDemo.load(ownerEmail: admin, in: connection)
                try BudgetsDemo.load(tenancy, now: now, in: connection)
                try CostDataDemo.load(connections: tenancy.connections, now: now, in: connection)
                try ReportingDemo.load(tenancy, now: now, settings: configuration.reports, in: connection)
                try AllocationDemo.load(tenancy, now: now, templates: Startup.templates(configuration), publicURL: configuration.publicURL,
                                        in: connection)
                print("demo: \(tenancy.organization.name) with \(tenancy.connections.count) connections; "
                      + "users editor@distronation.example and viewer@distronation.example (password \(TenancyDemo.demoPassword))")
            } catch {
                Startup.fail("\(error)")
            }
        }
    }

    struct Restate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a restated bill that puts a demo budget at a given percentage, for trying the alerts.",
            discussion: """
                The file is the budget's connection's current billing month as stored, every cost scaled so that, once \
                imported (an import replaces the billing months it covers), the budget stands at --percent. For example: \
                budgetd demo restate --budget "Development AWS" --percent 85 --out /tmp/restated.csv
                """
        )

        @Option(help: "The demo budget's name.")
        var budget = "Development AWS"

        @Option(help: "Where the budget should stand after the import, in percent of its amount.")
        var percent = "85"

        @Option(help: "The file to write; - writes to stdout.")
        var out = "-"

        func run() throws {
            let configuration = try Startup.configuration()
            guard let target = Decimal(exactText: percent, maxFractionDigits: 2), target > 0, target <= 1000 else {
                Startup.fail("--percent: a number above 0 and at most 1000", code: 2)
            }
            do {
                let connection = try Connection(configuration: configuration.database)
                let result = try DemoRestatement(connection: connection, today: LocalDate(Date())).restate(budgetNamed: budget, to: target)
                if out == "-" {
                    FileHandle.standardOutput.write(Data(result.csv.utf8))
                } else {
                    try Data(result.csv.utf8).write(to: URL(fileURLWithPath: out))
                }
                FileHandle.standardError.write(Data("""
                    \(result.rows) line items of \(result.connection.name), billing month \(result.billingPeriod.iso); what the budget counts \
                    (its services and tags) now comes to \(MoneyFormat.grouped(result.watchedTotal, fractionDigits: 2)) this month. Import them with:
                      scripts/budgetd import-costs --connection \(result.connection.id.lowercasedString) \(out == "-" ? "FILE" : out)

                    """.utf8))
            } catch {
                Startup.fail("\(error)")
            }
        }
    }
}
