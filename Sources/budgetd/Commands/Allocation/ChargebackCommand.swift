import Allocation
import ArgumentParser
import BudgetdApp
import Foundation
import JSON
import Kernel
import Logging
import MariaDB
import Tenancy

/// `budgetd chargeback`: an operator's way to a dimension's statement (to print it, or to issue it at
/// month end from a scheduler), acting as a named admin of the organization.
struct ChargebackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chargeback",
        abstract: "Print or issue a dimension's chargeback statement for a month.",
        subcommands: [Show.self, Issue.self]
    )

    struct Target: ParsableArguments {
        @Option(help: "The organization's name.")
        var organization: String

        @Option(help: "An admin of the organization, who the statement is read or issued as.")
        var admin: String

        @Option(help: "The dimension's name (Department).")
        var dimension: String

        @Option(help: "The month, YYYY-MM (default: the last complete one).")
        var month: String?

        func resolve(_ db: Connection, now: Date) throws -> (Principal, LocalDate) {
            guard let principal = try UserDirectory.admin(email: admin, organizationName: organization, in: db) else {
                throw ValidationError("--admin: \(admin) is not an active admin of \(organization)")
            }
            guard let month = month.map(MonthParameter.parse) ?? LocalDate(now).firstOfMonth.adding(months: -1) else {
                throw ValidationError("--month: not a month such as 2026-11")
            }
            return (principal, month)
        }
    }

    /// `budgetd chargeback show`: the live statement as CSV (or JSON), as the API answers it.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the live statement as CSV (or JSON with --json).")

        @OptionGroup var target: Target
        @Flag(help: "JSON instead of CSV.")
        var json = false

        func run() throws {
            let configuration = try Startup.configuration()
            do {
                let db = try Connection(configuration: configuration.database)
                let now = Date()
                let (principal, month) = try target.resolve(db, now: now)
                let service = DimensionService(db: db, now: now)
                let statement = try service.chargeback(try service.dimension(named: target.dimension, for: principal), month: month,
                                                       for: principal)
                print(json ? ChargebackJSON.statement(statement).serialized : ChargebackCSV.statement(statement), terminator: json ? "\n" : "")
            } catch let error as ValidationError {
                Startup.fail(error.message, code: 2)
            } catch {
                Startup.fail("\(error)")
            }
        }
    }

    /// `budgetd chargeback issue`: the statement frozen as the next version; its owners' e-mails queued.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue the statement of a month that has ended: frozen, the next version, each owner's e-mail queued once.")

        @OptionGroup var target: Target

        func run() throws {
            let configuration = try Startup.configuration()
            let app = Startup.application(configuration, logger: Logger(label: "budgetd"))
            do {
                let db = try Connection(configuration: configuration.database)
                let now = Date()
                let (principal, month) = try target.resolve(db, now: now)
                let statement = try app.allocation.statements(db: db, now: now).issue(dimensionName: target.dimension, month: month,
                                                                                     by: principal)
                print("issued \(statement.dimension) \(MonthParameter.text(statement.month)) version \(statement.version) "
                      + "(\(statement.lines.filter { $0.ownerEmail != nil }.count) owned line(s), sha256 \(statement.checksum))")
            } catch let error as ValidationError {
                Startup.fail(error.message, code: 2)
            } catch {
                Startup.fail("\(error)")
            }
        }
    }
}
