public import Foundation
import CostData
import JSON
public import Kernel
public import MariaDB
import Sodium

/// The report use cases: read the monthly report, the daily dashboard and the weekly summary
/// (everyone), explain a budget's variance (editors), issue a month and manage who receives what
/// (admins). Throws only `DomainError` (and `MariaDBError` when the database fails).
public struct ReportService {
    public let db: Connection
    public let now: Date
    public let settings: ReportSettings

    public init(db: Connection, now: Date, settings: ReportSettings) {
        self.db = db
        self.now = now
        self.settings = settings
    }

    func data(_ principal: Principal) throws -> ReportData {
        ReportData(db: db, organizationId: try principal.requireOrganization())
    }

    public func monthly(_ month: LocalDate, for principal: Principal) throws -> MonthlyReport {
        try data(principal).monthlyReport(month.firstOfMonth, now: now)
    }

    /// The months a report has something to say about, newest first: from the first month with
    /// cost (at most `limit` months back) to this one, each with its latest issued version.
    public func months(limit: Int = 36, for principal: Principal) throws -> [(month: LocalDate, issuedVersion: Int?)] {
        let organizationId = try principal.requireOrganization()
        let data = ReportData(db: db, organizationId: organizationId)
        let thisMonth = LocalDate(now).firstOfMonth
        let first = try SpendReader.firstCostDay(connectionIds: data.connections().map(\.id), in: db)?.firstOfMonth ?? thisMonth
        let start = max(min(first, thisMonth), thisMonth.adding(months: -(limit - 1)))
        let issued = try VersionStore.latestByMonth(organizationId: organizationId, in: db)
        var months: [(LocalDate, Int?)] = []
        var month = thisMonth
        while month >= start {
            months.append((month, issued[month]))
            month = month.adding(months: -1)
        }
        return months
    }

    /// - Parameter date: the day; today (UTC) when `nil`.
    public func daily(_ date: LocalDate?, for principal: Principal) throws -> DailyDashboard {
        try data(principal).dailyDashboard(date ?? LocalDate(now), now: now)
    }

    public func weekly(_ week: ISOWeek, for principal: Principal) throws -> WeeklySummary {
        try data(principal).weeklySummary(week, now: now)
    }

    // MARK: - Explanations

    public static let maximumExplanationLength = 2000

    /// Writes the explanation of a budget's variance in `month` (an empty text removes it),
    /// recorded in the report's audit trail.
    /// - Throws: `.notFound` for a budget the organization does not have in that month's report.
    @discardableResult
    public func explain(_ month: LocalDate, budgetId: UUID, text: String?, typeErrors: [FieldError] = [],
                        by principal: Principal) throws -> Explanation? {
        try principal.require(.editor, to: "explain variances")
        let organizationId = try principal.requireOrganization()
        var errors = FieldErrors(reported: typeErrors)
        let body = (text ?? "").trimmingWhitespaceAndNewlines()
        if text == nil, !errors.contains("text") { errors.add("text", "is required (an empty text removes the explanation)") }
        if body.unicodeScalars.count > Self.maximumExplanationLength {
            errors.add("text", "must be at most \(Self.maximumExplanationLength) characters (it has \(body.unicodeScalars.count))")
        }
        if let problem = body.textProblem(allowLineBreaks: true) { errors.add("text", problem) }
        try errors.check()
        let budgets = try ReportData(db: db, organizationId: organizationId).budgets(liveOnOrAfter: month.startOfDay)
        guard budgets.contains(where: { $0.id == budgetId && $0.takesPart(in: month) }) else { throw DomainError.notFound("Budget") }
        try db.transaction { tx in
            let before = try ExplanationStore.put(organizationId: organizationId, month: month, budgetId: budgetId, text: body,
                                                  author: principal, at: now, in: tx)
            try ReportAuditLog.record(.explained, organizationId: organizationId, month: month, budgetId: budgetId, actor: principal,
                                      detail: ["before": before.map { .string($0) } ?? .null, "after": body.isEmpty ? .null : .string(body)],
                                      at: now, in: tx)
        }
        return try ExplanationStore.list(organizationId: organizationId, month: month, in: db)[budgetId]
    }

    // MARK: - Issued versions

    /// Freezes the month's figures as its next version. A month with a large variance that nobody
    /// explained is refused, naming those budgets, unless `force` says to issue it anyway.
    public func issue(_ month: LocalDate, force: Bool, by principal: Principal) throws -> IssuedVersion {
        try principal.require(.admin, to: "issue reports")
        let thisMonth = LocalDate(now).firstOfMonth
        let oldest = thisMonth.adding(months: -settings.retentionMonths)
        guard month.firstOfMonth <= thisMonth, month.firstOfMonth >= oldest else {
            throw DomainError.invalid([FieldError("month", month.firstOfMonth > thisMonth ? "has not begun; a month is issued once it has"
                : "is older than the \(settings.retentionMonths) months issued versions are kept")])
        }
        let report = try monthly(month, for: principal)
        let unexplained = Self.unexplained(report)
        if !unexplained.isEmpty && !force {
            throw DomainError(.conflict, "These budgets have a large variance and no explanation: "
                              + unexplained.map { "\"\($0.name)\"" }.joined(separator: ", ")
                              + ". Explain them first, or issue with \"force\": true.",
                              fieldErrors: unexplained.map {
                                  FieldError("budgets.\($0.budgetId.lowercasedString)", "large variance without an explanation")
                              })
        }
        return try db.transaction { tx in
            try Self.freeze(report, through: .admin, by: principal, forced: force && !unexplained.isEmpty, at: now, in: tx)
        }
    }

    /// The budgets whose variance is large and has no explanation: what issuing refuses unless forced.
    static func unexplained(_ report: MonthlyReport) -> [MonthlyReport.BudgetLine] {
        report.currencies.flatMap(\.budgets).filter { $0.variance.size == .large && $0.explanation == nil }
    }

    /// Writes `report` as the month's next version, with its audit entry, in `tx`, under the month's issue lock.
    static func freeze(_ report: MonthlyReport, through channel: IssuedVersion.Channel, by actor: Principal?, forced: Bool, at now: Date,
                       in tx: Transaction) throws -> IssuedVersion {
        try VersionStore.lockMonth(organizationId: report.organizationId, month: report.month, in: tx)
        let document = ReportJSON.monthly(report).serialized
        let digest = Sodium.hex(SHA256.hash(Array(document.utf8)))
        let version = try VersionStore.nextNumber(organizationId: report.organizationId, month: report.month, in: tx)
        try VersionStore.insert(organizationId: report.organizationId, month: report.month, version: version, document: document,
                                sha256: digest, by: actor, through: channel, forced: forced, at: now, in: tx)
        try ReportAuditLog.record(.issued, organizationId: report.organizationId, month: report.month, version: version, actor: actor,
                                  detail: ["sha256": .string(digest), "through": .string(channel.rawValue), "forced": .bool(forced)],
                                  at: now, in: tx)
        return IssuedVersion(organizationId: report.organizationId, month: report.month, version: version, sha256: digest,
                             issuedByEmail: actor?.email, issuedAt: now, issuedThrough: channel, forced: forced, document: document)
    }

    public func versions(_ month: LocalDate, for principal: Principal) throws -> [IssuedVersion] {
        try VersionStore.list(organizationId: try principal.requireOrganization(), month: month, in: db)
    }

    public func version(_ month: LocalDate, number: Int, for principal: Principal) throws -> IssuedVersion {
        guard let version = try VersionStore.find(organizationId: try principal.requireOrganization(), month: month, version: number, in: db) else {
            throw DomainError.notFound("Report version")
        }
        return version
    }

    /// How `report` differs from the month's latest issued version; `nil` when none was issued.
    public func restatement(of report: MonthlyReport, for principal: Principal) throws -> Restatement? {
        guard let latest = try VersionStore.latest(organizationId: try principal.requireOrganization(), month: report.month, in: db),
              let issued = try? JSONParser.parse(Array(latest.document.utf8))
        else { return nil }
        return Restatement.compare(live: ReportJSON.monthly(report), issued: issued, version: latest.version, issuedAt: latest.issuedAt)
    }

    public func audit(_ month: LocalDate, for principal: Principal) throws -> [ReportAuditEntry] {
        try ReportAuditLog.list(organizationId: try principal.requireOrganization(), month: month, in: db)
    }

    // MARK: - Subscriptions

    public func subscriptions(for principal: Principal) throws -> [ReportSubscription] {
        try principal.require(.admin, to: "manage report subscriptions")
        return try SubscriptionStore.list(organizationId: try principal.requireOrganization(), in: db)
    }

    public func subscribe(report: String?, email: String?, format: String?, typeErrors: [FieldError] = [],
                          by principal: Principal) throws -> ReportSubscription {
        try principal.require(.admin, to: "manage report subscriptions")
        let organizationId = try principal.requireOrganization()
        var errors = FieldErrors(reported: typeErrors)
        let report: ReportSubscription.Report? = FieldRules.choice(report, field: "report", errors: &errors)
        let email = FieldRules.email(email, field: "email", errors: &errors)
        let format: ReportSubscription.Format? = FieldRules.choice(format ?? "summary", field: "format", errors: &errors)
        try errors.check()
        guard let report, let email, let format else { throw DomainError.invalid(errors.list) }
        return try db.transaction { tx in
            try SubscriptionStore.create(organizationId: organizationId, report: report, email: email, format: format, by: principal, at: now, in: tx)
        }
    }

    public func unsubscribe(_ id: UUID, by principal: Principal) throws {
        try principal.require(.admin, to: "manage report subscriptions")
        let organizationId = try principal.requireOrganization()
        guard try db.transaction({ tx in try SubscriptionStore.delete(id, organizationId: organizationId, in: tx) }) else {
            throw DomainError.notFound("Subscription")
        }
    }
}

/// What reports need from the configuration.
public struct ReportSettings: Sendable {
    /// Where people reach the site, for links in report e-mails.
    public var publicURL: String
    /// The day of the following month on which monthly reports go out (billing data lags). Default 3.
    public var monthlySendDay: Int
    /// The hour (UTC) after which the day's scheduled reports go out. Default 6.
    public var sendHour: Int
    /// How long issued versions are kept, in months of report. Default 24 (the framework keeps monthly reports two years).
    public var retentionMonths: Int

    public init(publicURL: String = "http://127.0.0.1:8080", monthlySendDay: Int = 3, sendHour: Int = 6, retentionMonths: Int = 24) {
        self.publicURL = publicURL
        self.monthlySendDay = monthlySendDay
        self.sendHour = sendHour
        self.retentionMonths = retentionMonths
    }
}
