import ArgumentParser
import BudgetdApp
import Foundation
import Logging
import Templating

/// The one executable: the FastCGI worker and the operator's commands around it.
@main
struct Budgetd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgetd",
        abstract: "Cloud budgets with threshold alerts: the FastCGI worker and its tools.",
        discussion: "Settings come from BUDGETD_* environment variables (see the README); BUDGETD_CONFIG may name a KEY=VALUE file.",
        subcommands: [ServeCommand.self, MigrateCommand.self, UserCommand.self, ImportCostsCommand.self, RebuildRollupsCommand.self,
                      EvaluateCommand.self, ReportsCommand.self, ChargebackCommand.self, DemoCommand.self, RenderCommand.self]
    )
}

/// Shared start-up for commands that need settings and logging.
enum Startup {
    /// Loads the configuration and sets up logging, or prints why not and exits 2.
    static func configuration() throws -> Configuration {
        do {
            let configuration = try Configuration.load()
            let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
            LoggingSystem.bootstrap { label in LogfmtLogHandler(label: label, level: level) }
            return configuration
        } catch {
            fail("\(error)", code: 2)
        }
    }

    /// Every template, parsed once; a syntax error or a missing partial stops the command with
    /// `file:line:column: message`.
    static func templates(_ configuration: Configuration) -> TemplateLibrary {
        do {
            return try TemplateLibrary(directory: configuration.templateDirectory, missingPartials: .fail)
        } catch {
            fail("\(error)")
        }
    }

    /// The composed application, for commands that use the features' services and observers.
    static func application(_ configuration: Configuration, logger: Logger) -> BudgetdApplication {
        do {
            return BudgetdApplication(settings: try configuration.commandApp, templates: templates(configuration), logger: logger)
        } catch {
            fail("\(error)", code: 2)
        }
    }

    /// Prints `message` to stderr and exits with `code`.
    static func fail(_ message: String, code: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data(("budgetd: " + message + "\n").utf8))
        exit(code)
    }
}
