import Foundation
import Kernel
import Templating
import Web

/// `/reports/daily` as the template draws it.
struct DailyDashboardView: Page {
    static let template = "reporting/reports.daily"
    let dashboard: DailyDashboard
    var title: String { "Daily cost dashboard, \(DateFormat.day(dashboard.date))" }

    var templateValue: TemplateValue {
        var values = dashboard.sharedFields
        values.merge([
            "date": .string(dashboard.date.iso), "dateLabel": .string(DateFormat.day(dashboard.date)),
            "previous": .string(dashboard.date.adding(days: -1).iso), "next": .string(dashboard.date.adding(days: 1).iso),
            "complete": .bool(dashboard.complete),
            "currencies": .list(dashboard.currencies.map { s in
                let c = s.currency
                func money(_ cents: Cents) -> TemplateValue { .string(ReportFormat.money(cents, c)) }
                return .object(DailyDashboard.figures(s).merging([
                    "overToday": .bool(s.today > s.dailyBudget && s.dailyBudget != .zero), "runRateMethod": .string(s.runRateMethod),
                    "services": .list(s.services.map { ["name": .string($0.serviceName), "connection": .string($0.connectionName),
                                                         "today": money($0.today), "monthToDate": money($0.monthToDate)] }),
                    "drivers": .list(s.topDrivers.map { d in
                        ["name": .string(d.serviceName), "connection": .string(d.connectionName), "monthToDate": money(d.monthToDate),
                         "lastMonth": money(d.sameDaysLastMonth), "change": .string(ReportFormat.percent(d.change, signed: true))]
                    }),
                ]) { $1 })
            }),
            "alerts": .list(dashboard.alerts.map { a in
                ["budgetId": .string(a.budgetId.lowercasedString), "budget": .string(a.budgetName),
                 "level": .string(MoneyFormat.level(a.thresholdPercentage)), "trigger": .string(a.triggerType),
                 "figure": .string(MoneyFormat.amount(a.figure, currency: a.currency)), "when": .string(DateFormat.timestamp(a.breachedAt))]
            }),
            "hasAlerts": .bool(!dashboard.alerts.isEmpty),
            "stale": .list(dashboard.staleConnections.map { c in
                ["name": .string(c.name), "newest": .string(c.newestCharge.map(DateFormat.timestamp) ?? "never"),
                 "hours": .string(c.hoursSince.map { "\($0) hours ago" } ?? "no cost data at all")]
            }),
        ]) { $1 }
        return .object(values)
    }
}

extension DailyDashboard {
    /// What the dashboard page and the home page's headline both show.
    var sharedFields: [String: TemplateValue] {
        [
            "asOf": .string(asOf.map(DateFormat.timestamp) ?? "no cost data yet"),
            "asOfISO": .string(asOf.map(UTCTimestamp.iso8601) ?? ""),
            "hasData": .bool(!currencies.isEmpty),
            "hasStale": .bool(!staleConnections.isEmpty),
        ]
    }

    /// A currency's headline figures, written for people.
    static func figures(_ s: Section) -> [String: TemplateValue] {
        func money(_ cents: Cents) -> TemplateValue { .string(ReportFormat.money(cents, s.currency)) }
        return [
            "currency": .string(s.currency), "today": money(s.today), "dailyBudget": money(s.dailyBudget),
            "monthToDate": money(s.monthToDate), "monthlyBudget": money(s.monthlyBudget),
            "runRate": .string(s.runRateMonthEnd.map { ReportFormat.money($0, s.currency) } ?? "—"),
        ]
    }
}

/// `/reports/weekly/YYYY-Www` as the template draws it.
struct WeeklySummaryView: Page {
    static let template = "reporting/reports.weekly"
    let summary: WeeklySummary
    var title: String { "Weekly cost summary, \(summary.week)" }

    var templateValue: TemplateValue {
        [
            "week": .string(summary.week.description),
            "range": .string("\(DateFormat.day(summary.week.start)) – \(DateFormat.day(summary.week.end))"),
            "previous": .string(summary.week.previous.description),
            "next": .string(ISOWeek(containing: summary.week.end.adding(days: 1)).description),
            "complete": .bool(summary.complete),
            "asOf": .string(summary.asOf.map(DateFormat.timestamp) ?? "no cost data yet"),
            "hasData": .bool(!summary.currencies.isEmpty),
            "currencies": .list(summary.currencies.map { s in
                let c = s.currency
                func money(_ cents: Cents) -> TemplateValue { .string(ReportFormat.money(cents, c)) }
                func changes(_ list: [WeeklySummary.ServiceChange]) -> TemplateValue {
                    .list(list.map { ["name": .string($0.serviceName), "connection": .string($0.connectionName), "thisWeek": money($0.thisWeek),
                                      "previousWeek": money($0.previousWeek), "difference": .string(ReportFormat.signedMoney($0.difference, c)),
                                      "change": .string(ReportFormat.percent($0.change, signed: true))] })
                }
                return [
                    "currency": .string(c), "total": money(s.total), "previousTotal": money(s.previousTotal),
                    "change": .string(ReportFormat.percent(s.change, signed: true)),
                    "days": .list(s.days.map { ["day": .string(DateFormat.day($0.day)), "cost": money($0.cost)] }),
                    "rose": changes(s.rose), "fell": changes(s.fell), "hasRose": .bool(!s.rose.isEmpty), "hasFell": .bool(!s.fell.isEmpty),
                ]
            }),
        ]
    }
}

/// `/reports`: where the reports are.
struct ReportIndexView: Page {
    static let template = "reporting/reports.index"
    let title = "Reports"
    let months: [(month: LocalDate, issuedVersion: Int?)]
    let thisWeek: ISOWeek
    let today: LocalDate
    let isAdmin: Bool

    var templateValue: TemplateValue {
        [
            "months": .list(months.map { entry in
                ["month": .string(ReportMonth.text(entry.month)), "label": .string(DateFormat.longMonth(entry.month)),
                 "issued": entry.issuedVersion.map { .string("issued, version \($0)") } ?? .bool(false)]
            }),
            "thisWeek": .string(thisWeek.description), "lastWeek": .string(thisWeek.previous.description), "today": .string(today.iso),
            "isAdmin": .bool(isAdmin),
        ]
    }
}
