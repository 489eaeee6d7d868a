import Foundation
public import Logging
public import MariaDB
import Persistence
public import Templating

/// The worker's scheduled evaluation: a pass over every live budget when the worker starts and
/// then every `interval`, on its own thread and its own database connection.
///
/// Every worker process runs one; passes that overlap are harmless (the unique breach key decides
/// who alerts), merely redundant. While the database is down a pass fails and is logged once; the
/// loop tries again within seconds and runs a pass as soon as the database takes writes again
/// (see `Repeating`), so breaches reached meanwhile are announced at once, not a whole interval later.
public struct EvaluationLoop: Sendable {
    let database: ConnectionConfiguration
    let templates: TemplateLibrary
    let settings: BudgetAlertSettings
    let interval: Duration
    let logger: Logger

    public init(database: ConnectionConfiguration, templates: TemplateLibrary, settings: BudgetAlertSettings, interval: Duration, logger: Logger) {
        self.database = database
        self.templates = templates
        self.settings = settings
        self.interval = interval
        self.logger = logger
    }

    /// Runs until `shouldStop` returns true; checks it at least every quarter second.
    public func run(shouldStop: () -> Bool) {
        let slot = ConnectionSlot(configuration: database, retryDelay: .zero)
        Repeating.run(every: interval, on: slot, named: "scheduled evaluation", logger: logger, shouldStop: shouldStop) { connection in
            let report = try Evaluator(connection: connection, templates: templates, settings: settings, logger: logger).run(.all, now: Date())
            logger.info("scheduled evaluation", metadata: ["result": "\(report.summary)"])
        }
    }
}
