import ArgumentParser
import BudgetdApp
import Budgets
import Foundation
import Kernel
import Logging
import MariaDB
import Notifications

/// `budgetd evaluate`: one evaluation pass, for cron or the shipped systemd timer.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Check budgets against their threshold rules once and queue the alerts that are due.",
        discussion: """
            The worker does this on its own every BUDGETD_EVALUATION_INTERVAL seconds; this command is for cron and \
            systemd timers. Running it while workers run, or several at once, never alerts twice: the database decides. \
            With --deliver it also sends what the outbox holds, for deployments without a running worker.
            """
    )

    @Option(help: "Only this budget.")
    var budget: String?

    @Option(help: "Only the budgets of this connection.")
    var connection: String?

    @Flag(help: "Also send the queued e-mails and webhook calls (waits for the deliverer lock up to 20 s).")
    var deliver = false

    func run() throws {
        let configuration = try Startup.configuration()
        let logger = Logger(label: "budgetd")
        let scope: EvaluationScope
        switch (budget, connection) {
        case (let id?, nil):
            guard let uuid = UUID(canonical: id) else { Startup.fail("--budget: not a UUID", code: 2) }
            scope = .budget(uuid)
        case (nil, let id?):
            guard let uuid = UUID(canonical: id) else { Startup.fail("--connection: not a UUID", code: 2) }
            scope = .connection(uuid)
        case (nil, nil): scope = .all
        default: Startup.fail("give --budget or --connection, not both", code: 2)
        }
        let app = Startup.application(configuration, logger: logger)
        let delivery = app.notifications.delivery(logger: logger)
        do {
            let db = try Connection(configuration: configuration.database)
            let report = try app.budgets.evaluator(db, logger: logger).run(scope, now: Date())
            print("evaluated \(scope): \(report.summary)")
            if deliver { try QueuedDelivery.deliver(delivery, db: db) }
        } catch {
            QueuedDelivery.recordBeforeExit(delivery, configuration: configuration)
            Startup.fail("\(error)")
        }
    }
}
