public import Foundation
public import Logging
public import MariaDB
import Persistence
public import Templating
public import Web

/// Reporting as the application composes it: the monthly financial report, the daily dashboard and
/// the weekly summary (pages, JSON, CSV, print), explanations and issued versions, and the
/// subscriptions that mail them out.
public struct ReportingModule: Sendable {
    public let templates: TemplateLibrary
    public let settings: ReportSettings

    public init(templates: TemplateLibrary, settings: ReportSettings) {
        self.templates = templates
        self.settings = settings
    }

    public func service(_ db: Connection, now: Date) -> ReportService { ReportService(db: db, now: now, settings: settings) }

    public func addRoutes(to routes: Routes) {
        ReportRoutes(module: self).add(to: routes)
        ReportPages(module: self).add(to: routes)
        SubscriptionPage(module: self).add(to: routes)
    }

    public func distribution(logger: Logger) -> ReportDistribution {
        ReportDistribution(templates: templates, settings: settings, logger: logger)
    }

    /// The worker's scheduled distribution: a pass when it starts and then every `interval`.
    public func distributionLoop(database: ConnectionConfiguration, interval: Duration, logger: Logger) -> @Sendable (() -> Bool) -> Void {
        let distribution = distribution(logger: logger)
        return { shouldStop in
            let slot = ConnectionSlot(configuration: database, retryDelay: .zero)
            Repeating.run(every: interval, on: slot, named: "report distribution", logger: logger, shouldStop: shouldStop) { connection in
                let outcome = try distribution.run(connection, now: Date())
                if outcome != ReportDistribution.Outcome() { logger.info("report distribution", metadata: ["result": "\(outcome.summary)"]) }
            }
        }
    }
}

extension ReportingModule {
    /// The report pages' notices, for the renderer.
    public static let notices: [Notice] = [.explanationSaved, .explanationRemoved, .reportIssued, .subscriptionAdded, .subscriptionRemoved]
}
