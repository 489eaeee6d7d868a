public import Foundation
import JSON
import Kernel
public import Logging
public import MariaDB
import Notifications
public import Templating

/// Sends the reports people subscribed to, through the outbox: exactly once per subscription and
/// period, however many workers (or `budgetd reports distribute` runs) look at the same time. The
/// delivery row, the issued version (a monthly report that is sent is issued) and the outbox
/// message commit together or not at all. Also drops issued versions past their retention.
public struct ReportDistribution: Sendable {
    let templates: TemplateLibrary
    let settings: ReportSettings
    let logger: Logger

    public init(templates: TemplateLibrary, settings: ReportSettings, logger: Logger) {
        self.templates = templates
        self.settings = settings
        self.logger = logger
    }

    public struct Outcome: Sendable, Equatable {
        public var queued = 0
        public var issued = 0
        public var pruned = 0
        public var failed = 0
        public var summary: String { "queued=\(queued) issued=\(issued) pruned=\(pruned) failed=\(failed)" }
    }

    /// One pass at `now`: each subscription's latest due period, if it is not sent yet.
    /// - Parameter recordedAt: the time written on deliveries, versions and messages: the wall clock, which differs from
    ///   `now` only when an operator runs the schedule for another moment (`budgetd reports distribute --at`).
    public func run(_ db: Connection, now: Date, recordedAt: Date? = nil) throws -> Outcome {
        let stamp = recordedAt ?? now
        var outcome = Outcome()
        let schedule = ReportSchedule(settings: settings)
        for kind in ReportSubscription.Report.allCases {
            let periods = schedule.recent(kind, at: now)
            for subscription in try SubscriptionStore.all(report: kind, in: db) {
                try deliver(subscription, periods: periods, db: db, now: now, stamp: stamp, outcome: &outcome)
            }
        }
        let keepFrom = LocalDate(stamp).firstOfMonth.adding(months: -settings.retentionMonths)
        outcome.pruned = try db.transaction { tx in try VersionStore.prune(before: keepFrom, in: tx) }
        return outcome
    }

    /// The subscription's periods due since it was made and not sent yet, oldest first: a worker that was down catches up.
    private func deliver(_ subscription: ReportSubscription, periods: [ReportSchedule.Due], db: Connection, now: Date, stamp: Date,
                         outcome: inout Outcome) throws {
        for due in periods.reversed() where subscription.createdAt <= due.dueAt {
            guard try !DeliveryStore.delivered(subscriptionId: subscription.id, period: due.period, in: db) else { continue }
            do {
                let (queued, issued) = try send(subscription, due: due, db: db, now: now, stamp: stamp)
                if queued { outcome.queued += 1 }
                if issued { outcome.issued += 1 }
            } catch {
                // One subscription's failure (a template, a constraint) does not hold up the others; the next pass retries it.
                outcome.failed += 1
                logger.error("report delivery failed", metadata: [
                    "subscription": "\(subscription.id.lowercasedString)", "period": "\(due.period)", "error": "\(error)",
                ])
            }
        }
    }

    /// Whether an issued version holds the figures of `report`: complete both, and not restated since.
    static func sameFigures(_ issued: IssuedVersion, _ report: MonthlyReport) -> Bool {
        guard let frozen = try? JSONParser.parse(Array(issued.document.utf8)), frozen["complete"] == .bool(true), report.complete else {
            return false
        }
        return !Restatement.compare(live: ReportJSON.monthly(report), issued: frozen, version: issued.version, issuedAt: issued.issuedAt)
            .isRestated
    }

    /// - Returns: whether this call queued the message (another may have been first), and whether it issued a version.
    private func send(_ subscription: ReportSubscription, due: ReportSchedule.Due, db: Connection, now: Date,
                      stamp: Date) throws -> (Bool, Bool) {
        let data = ReportData(db: db, organizationId: subscription.organizationId)
        let organization = try data.organizationName()
        return try db.transaction { tx in
            // The claim first: a second deliverer waits here for the first to commit, then finds the row and writes nothing.
            guard try DeliveryStore.claim(subscription: subscription, period: due.period, at: stamp, in: tx) else { return (false, false) }
            var issued = false
            let mail: ReportMail
            switch subscription.report {
            case .monthly:
                // Under the month's issue lock, so that two distributors (or an admin) never issue the same figures twice.
                try VersionStore.lockMonth(organizationId: subscription.organizationId, month: due.start, in: tx)
                let report = try data.monthlyReport(due.start, now: now)
                let version: Int
                if let latest = try VersionStore.latest(organizationId: subscription.organizationId, month: due.start, in: tx),
                   Self.sameFigures(latest, report) {
                    version = latest.version
                } else {
                    // Not issued yet, issued to date, or restated since: the mail's figures become a version of their own.
                    version = try ReportService.freeze(report, through: .subscription, by: nil, forced: !ReportService.unexplained(report).isEmpty,
                                                       at: stamp, in: tx).version
                    issued = true
                }
                try DeliveryStore.record(version: version, subscriptionId: subscription.id, period: due.period, in: tx)
                mail = try ReportMail.monthly(report, version: version, organization: organization, format: subscription.format,
                                              templates: templates, publicURL: settings.publicURL)
            case .weekly:
                mail = try ReportMail.weekly(try data.weeklySummary(ISOWeek(containing: due.start), now: now), organization: organization,
                                             format: subscription.format, templates: templates, publicURL: settings.publicURL)
            case .daily:
                mail = try ReportMail.daily(try data.dailyDashboard(due.start, now: now), organization: organization,
                                            format: subscription.format, templates: templates, publicURL: settings.publicURL)
            }
            try Outbox.enqueueEmail(organizationId: subscription.organizationId, budgetId: nil, breachId: nil, to: subscription.email,
                                    subject: mail.subject, text: mail.text, html: mail.html, attachment: mail.attachment, at: stamp, in: tx)
            return (true, issued)
        }
    }
}
