import ArgumentParser
import BudgetdApp
import Foundation
import Kernel
import Logging
import MariaDB
import Notifications
import Reporting

/// `budgetd reports`: the operator's side of report distribution.
struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Send the subscribed reports that are due.",
        subcommands: [Distribute.self]
    )

    /// `budgetd reports distribute`: one distribution pass, as the worker runs every BUDGETD_REPORT_INTERVAL seconds.
    struct Distribute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue each subscription's report for its latest due period, if it has not gone out yet.",
            discussion: """
                Monthly reports are due on BUDGETD_REPORT_SEND_DAY of the following month, weekly ones on Mondays and daily ones \
                each morning, from BUDGETD_REPORT_SEND_HOUR (UTC). Each subscription gets each period once, however often this \
                runs and however many workers run beside it; a monthly report that goes out is issued if it was not. With \
                --deliver it also sends what the outbox holds.
                """
        )

        @Option(help: "Act as if it were this time (ISO 8601, UTC), for catching up or trying the schedule.")
        var at: String?

        @Flag(help: "Also send the queued e-mails (waits for the deliverer lock up to 20 s).")
        var deliver = false

        func run() throws {
            let configuration = try Startup.configuration()
            let logger = Logger(label: "budgetd")
            var now = Date()
            if let at {
                guard let date = UTCTimestamp.parse(at) else { Startup.fail("--at: not an ISO 8601 time such as 2025-07-03T06:00:00Z", code: 2) }
                now = date
            }
            let app = Startup.application(configuration, logger: logger)
            let delivery = app.notifications.delivery(logger: logger)
            do {
                let db = try Connection(configuration: configuration.database)
                let outcome = try app.reporting.distribution(logger: logger).run(db, now: now, recordedAt: Date())
                print("distributed: \(outcome.summary)")
                if deliver { try QueuedDelivery.deliver(delivery, db: db) }
                if outcome.failed > 0 { Startup.fail("\(outcome.failed) subscription(s) failed; see the log", code: 1) }
            } catch {
                QueuedDelivery.recordBeforeExit(delivery, configuration: configuration)
                Startup.fail("\(error)")
            }
        }
    }
}
