import Foundation
public import Logging
public import MariaDB
public import Templating

/// The worker's scheduled evaluation: a pass over every live budget when the worker starts and
/// then every `interval`, on its own thread and its own database connection.
///
/// Every worker process runs one; passes that overlap are harmless (the unique breach key decides
/// who alerts), merely redundant. While the database is down a pass fails, is logged once, and the
/// next one runs as scheduled.
public struct EvaluationLoop: Sendable {
    let database: ConnectionConfiguration
    let templates: TemplateLibrary
    let settings: AlertSettings
    let interval: Duration
    let logger: Logger

    public init(database: ConnectionConfiguration, templates: TemplateLibrary, settings: AlertSettings, interval: Duration, logger: Logger) {
        self.database = database
        self.templates = templates
        self.settings = settings
        self.interval = interval
        self.logger = logger
    }

    /// Runs until `shouldStop` returns true; checks it at least every quarter second.
    public func run(shouldStop: () -> Bool) {
        let slot = ConnectionSlot(configuration: database, retryDelay: .zero)
        var failing = false
        while !shouldStop() {
            do {
                let connection = try slot.connection()
                let report = try Evaluator(connection: connection, templates: templates, settings: settings, logger: logger).run(.all, now: Date())
                logger.info("scheduled evaluation", metadata: ["result": "\(report.summary)"])
                if failing { logger.notice("scheduled evaluation works again") }
                failing = false
            } catch {
                if !failing { logger.warning("scheduled evaluation failed; retrying at the next interval", metadata: ["error": "\(error)"]) }
                failing = true
            }
            Pause.sleep(interval, unless: shouldStop)
        }
    }
}

/// Sleeping in short steps, so a stopping worker never waits for a whole interval.
enum Pause {
    static func sleep(_ duration: Duration, unless shouldStop: () -> Bool) {
        let deadline = ContinuousClock.now + duration
        while !shouldStop() && ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let step = min(left, .milliseconds(250))
            let (seconds, attoseconds) = step.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            nanosleep(&request, nil)
        }
    }
}
