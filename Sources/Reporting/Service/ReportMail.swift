import Foundation
import Kernel
import Notifications
import Templating

/// A report as an e-mail: the summary (or, for `full`, the tables too), a link to the page, and
/// the report's CSV attached. Rendered from `templates/reporting/emails/`, the text part unescaped.
struct ReportMail {
    let subject: String
    let text: String
    let html: String
    let attachment: MailAttachment

    static func monthly(_ report: MonthlyReport, version: Int, organization: String, format: ReportSubscription.Format,
                        templates: TemplateLibrary, publicURL: String) throws -> ReportMail {
        let month = ReportMonth.text(report.month)
        let context = MailContext(
            title: "Monthly financial report, \(DateFormat.longMonth(report.month))", organization: organization,
            detail: "Version \(version)\(report.complete ? "" : ", to date")", link: "\(publicURL)/reports/monthly/\(month)", full: format == .full,
            sections: report.currencies.map { s in
                MailSection(heading: s.currency, lines: [
                    MailLine(label: "Total cost", value: ReportFormat.money(s.totalCost, s.currency)),
                    MailLine(label: "Organization budget", value: ReportFormat.money(s.totalBudget, s.currency)),
                    MailLine(label: "Cost of budgeted connections", value: ReportFormat.money(s.budgetedCost, s.currency)),
                    MailLine(label: "Variance", value: ReportFormat.variance(s.variance, s.currency)),
                    MailLine(label: "Unbudgeted cost", value: ReportFormat.money(s.unbudgetedCost, s.currency)),
                    MailLine(label: "Change vs last month", value: ReportFormat.percent(s.change, signed: true)),
                    MailLine(label: "Next month: budget", value: ReportFormat.money(s.nextMonth.budget, s.currency)),
                    MailLine(label: "Next month: projection", value: s.nextMonth.projection.map { ReportFormat.money($0, s.currency) } ?? "—"),
                ], highlights: s.keyVariances.map {
                    MailLine(label: $0.name, value: ReportFormat.variance($0.variance, s.currency) + " — " + $0.variance.response
                             + ($0.explanation.map { ". " + $0.text } ?? ""))
                }, highlightsTitle: "Key variances (above 10 %)",
                rows: s.budgets.map { [$0.name, ReportFormat.money($0.monthlyBudget, s.currency), ReportFormat.money($0.actual, s.currency),
                                       ReportFormat.variance($0.variance, s.currency)] },
                columns: ["Budget", "Budget this month", "Actual", "Variance"])
            })
        return try render("monthly", context, subject: "\(context.title) (version \(version)) — \(organization)", templates: templates,
                          attachment: MailAttachment(fileName: ReportCSV.fileName(month, "services"), contentType: "text/csv",
                                                     content: ReportCSV.services(report)))
    }

    static func weekly(_ summary: WeeklySummary, organization: String, format: ReportSubscription.Format, templates: TemplateLibrary,
                       publicURL: String) throws -> ReportMail {
        let context = MailContext(
            title: "Weekly cost summary, \(summary.week)", organization: organization,
            detail: "\(DateFormat.day(summary.week.start)) – \(DateFormat.day(summary.week.end))",
            link: "\(publicURL)/reports/weekly/\(summary.week)", full: format == .full,
            sections: summary.currencies.map { s in
                MailSection(heading: s.currency, lines: [
                    MailLine(label: "This week", value: ReportFormat.money(s.total, s.currency)),
                    MailLine(label: "Previous week", value: ReportFormat.money(s.previousTotal, s.currency)),
                    MailLine(label: "Change", value: ReportFormat.percent(s.change, signed: true)),
                ], highlights: (s.rose + s.fell).map {
                    MailLine(label: "\($0.serviceName) (\($0.connectionName))", value: ReportFormat.signedMoney($0.difference, s.currency))
                }, highlightsTitle: "Services that rose and fell most",
                rows: s.days.map { [DateFormat.day($0.day), ReportFormat.money($0.cost, s.currency)] }, columns: ["Day", "Cost"])
            })
        return try render("weekly", context, subject: "\(context.title) — \(organization)", templates: templates,
                          attachment: MailAttachment(fileName: ReportCSV.fileName(summary.week.description, "services"), contentType: "text/csv",
                                                     content: ReportCSV.weekly(summary)))
    }

    static func daily(_ dashboard: DailyDashboard, organization: String, format: ReportSubscription.Format, templates: TemplateLibrary,
                      publicURL: String) throws -> ReportMail {
        let context = MailContext(
            title: "Daily cost dashboard, \(DateFormat.day(dashboard.date))", organization: organization,
            detail: dashboard.asOf.map { "Data as of \(DateFormat.timestamp($0))" } ?? "No cost data yet",
            link: "\(publicURL)/reports/daily?date=\(dashboard.date.iso)", full: format == .full,
            sections: dashboard.currencies.map { s in
                MailSection(heading: s.currency, lines: [
                    MailLine(label: "The day", value: ReportFormat.money(s.today, s.currency) + " of a daily budget of "
                             + ReportFormat.money(s.dailyBudget, s.currency)),
                    MailLine(label: "Month to date", value: ReportFormat.money(s.monthToDate, s.currency) + " of "
                             + ReportFormat.money(s.monthlyBudget, s.currency)),
                    MailLine(label: "Month end at the run rate", value: s.runRateMonthEnd.map { ReportFormat.money($0, s.currency) } ?? "—"),
                ], highlights: s.topDrivers.map {
                    MailLine(label: "\($0.serviceName) (\($0.connectionName))", value: ReportFormat.money($0.monthToDate, s.currency))
                }, highlightsTitle: "Top cost drivers this month",
                rows: s.services.map { [$0.serviceName, $0.connectionName, ReportFormat.money($0.today, s.currency),
                                        ReportFormat.money($0.monthToDate, s.currency)] },
                columns: ["Service", "Connection", "The day", "Month to date"])
            } + (dashboard.staleConnections.isEmpty ? [] : [MailSection(
                heading: "Stale connections", lines: dashboard.staleConnections.map {
                    MailLine(label: $0.name, value: $0.newestCharge.map { "newest charge \(DateFormat.timestamp($0))" } ?? "no cost data")
                }, highlights: [], highlightsTitle: "", rows: [], columns: [])]))
        return try render("daily", context, subject: "\(context.title) — \(organization)", templates: templates,
                          attachment: MailAttachment(fileName: ReportCSV.fileName(dashboard.date.iso, "services"), contentType: "text/csv",
                                                     content: ReportCSV.daily(dashboard)))
    }

    private static func render(_ name: String, _ context: MailContext, subject: String, templates: TemplateLibrary,
                               attachment: MailAttachment) throws -> ReportMail {
        ReportMail(subject: subject, text: try templates.render("reporting/emails/report.text", context.templateValue, as: .plainText),
                   html: try templates.render("reporting/emails/report.html", context.templateValue), attachment: attachment)
    }
}

/// What a report e-mail's templates receive.
struct MailContext: TemplateRenderable {
    let title: String
    let organization: String
    let detail: String
    let link: String
    let full: Bool
    let sections: [MailSection]

    var templateValue: TemplateValue {
        .object(["title": .string(title), "organization": .string(organization), "detail": .string(detail), "link": .string(link),
                 "full": .bool(full), "sections": .rows(sections)])
    }
}

struct MailSection: TemplateRenderable {
    /// The currency, or what else the section is about.
    let heading: String
    let lines: [MailLine]
    let highlights: [MailLine]
    let highlightsTitle: String
    let rows: [[String]]
    let columns: [String]

    var templateValue: TemplateValue {
        .object([
            "heading": .string(heading), "lines": .rows(lines), "highlights": .rows(highlights),
            "hasHighlights": .bool(!highlights.isEmpty), "highlightsTitle": .string(highlightsTitle),
            "hasRows": .bool(!rows.isEmpty), "columns": .list(columns.map { .string($0) }),
            "rows": .list(rows.map { .object(["cells": .list($0.map { .string($0) })]) }),
        ])
    }
}

struct MailLine: TemplateRenderable {
    let label: String
    let value: String
    var templateValue: TemplateValue { .object(["label": .string(label), "value": .string(value)]) }
}
