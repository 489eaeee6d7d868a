import Allocation
import CostData
import Foundation
import Kernel
import Templating
import Web

/// `/reports/monthly/YYYY-MM` as the template draws it: the framework's four sections per currency.
struct MonthlyReportView: Page {
    static let template = "reporting/reports.monthly"
    let report: MonthlyReport
    let restatement: Restatement?
    let versions: [IssuedVersion]
    let canExplain: Bool
    let canIssue: Bool
    /// An explanation that failed to save, shown again with its error.
    var failedExplanation: (budgetId: UUID, text: String, error: String)?

    var title: String { "Monthly financial report, \(DateFormat.longMonth(report.month))" }

    var templateValue: TemplateValue {
        let month = ReportMonth.text(report.month)
        return [
            "month": .string(month),
            "monthLabel": .string(DateFormat.longMonth(report.month)),
            "previousMonth": .string(ReportMonth.text(report.month.adding(months: -1))),
            "nextMonth": .string(ReportMonth.text(report.month.adding(months: 1))),
            "complete": .bool(report.complete),
            "asOf": .string(report.asOf.map(DateFormat.timestamp) ?? "no cost data yet"),
            "asOfISO": .string(report.asOf.map(UTCTimestamp.iso8601) ?? ""),
            "rule": .string(OrganizationBudget.rule),
            "hasData": .bool(!report.currencies.isEmpty),
            "currencies": .list(report.currencies.map(section)),
            "canExplain": .bool(canExplain),
            "canIssue": .bool(canIssue),
            "versions": .list(versions.map { v in
                ["version": .string(String(v.version)), "issuedAt": .string(DateFormat.timestamp(v.issuedAt)),
                 "issuedBy": .string(v.issuedByEmail ?? "the scheduled delivery"), "sha": .string(String(v.sha256.prefix(12))),
                 "through": .string(v.issuedThrough == .subscription ? "by sending it" : "by hand"), "forced": .bool(v.forced),
                 "href": .string("/reports/monthly/\(month)/versions/\(v.version)")]
            }),
            "hasVersions": .bool(!versions.isEmpty),
            "restatement": restatement.flatMap { r -> TemplateValue? in
                guard r.isRestated else { return nil }
                return [
                    "version": .string(String(r.version)), "issuedAt": .string(DateFormat.timestamp(r.issuedAt)),
                    "lines": .list(r.differences.prefix(10).map { d in
                        .string("\(ReportFormat.signedMoney(d.amount, d.currency)) on \(d.serviceName) (\(d.connectionName))")
                    }),
                    "more": .string(r.differences.count > 10 ? "and \(r.differences.count - 10) more" : ""),
                ]
            } ?? .null,
            "notIssued": .bool(versions.isEmpty),
            "servicesCSV": .string("/reports/monthly/\(month)/services.csv"),
            "budgetsCSV": .string("/reports/monthly/\(month)/budgets.csv"),
        ]
    }

    /// The framework's names for the two sections (4.1: "department cost allocation", "project cost attribution").
    static func allocationTitle(_ dimension: String) -> String {
        switch dimension.lowercased() {
        case "department": return "Department cost allocation"
        case "project": return "Project cost attribution"
        default: return "\(dimension) cost allocation"
        }
    }

    private func section(_ s: MonthlyReport.CurrencySection) -> TemplateValue {
        let c = s.currency
        func money(_ cents: Cents) -> TemplateValue { .string(ReportFormat.money(cents, c)) }
        let allocations: [TemplateValue] = report.allocations.compactMap { statement in
            guard let figures = statement.currencies.first(where: { $0.currency == c }) else { return nil }
            return [
                "title": .string(MonthlyReportView.allocationTitle(statement.dimension)), "dimension": .string(statement.dimension),
                "link": .string("/allocation/chargeback?dimension=\(PageRenderer.percentEncoded(statement.dimension))"
                                + "&month=\(ReportMonth.text(report.month))"),
                "total": money(figures.total), "shared": money(figures.shared), "overhead": money(figures.overhead),
                "lines": .list(figures.lines.map { line in
                    ["value": .string(line.value), "direct": money(line.direct), "shared": money(line.shared), "overhead": money(line.overhead),
                     "total": money(line.total), "share": .string(line.share.map { MoneyFormat.percent($0, fractionDigits: 2) } ?? "—")]
                }),
            ]
        }
        return [
            "allocations": .list(allocations),
            "currency": .string(c),
            "totalCost": money(s.totalCost), "totalBudget": money(s.totalBudget), "budgetedCost": money(s.budgetedCost),
            "unbudgetedCost": money(s.unbudgetedCost), "hasUnbudgeted": .bool(s.unbudgetedCost != .zero),
            "variance": variance(s.variance, c),
            "previousMonthCost": money(s.previousMonthCost), "change": .string(ReportFormat.percent(s.change, signed: true)),
            "keyVariances": .list(s.keyVariances.map { budgetRow($0, c) }), "hasKeyVariances": .bool(!s.keyVariances.isEmpty),
            "budgets": .list(s.budgets.map { budgetRow($0, c) }), "hasBudgets": .bool(!s.budgets.isEmpty),
            "connections": .list(s.connections.map { line in
                ["name": .string(line.name), "cost": money(line.cost), "previous": money(line.previousMonthCost),
                 "change": .string(ReportFormat.percent(line.change, signed: true)), "share": .string(ReportFormat.percent(line.share)),
                 "budgeted": .bool(line.budgeted)]
            }),
            "services": .list(s.services.map { line in
                ["name": .string(line.serviceName), "connection": .string(line.connectionName), "cost": money(line.cost),
                 "previous": money(line.previousMonthCost), "change": .string(ReportFormat.percent(line.change, signed: true)),
                 "share": .string(ReportFormat.percent(line.share))]
            }),
            "accuracy": share(s.budgetAccuracy, target: "within ±10 %"),
            "adherence": share(s.budgetAdherence, target: "not above budget (target above 90 %)"),
            "nextMonth": outlook(s.nextMonth, c, label: DateFormat.longMonth(s.nextMonth.start)),
            "nextQuarter": outlook(s.nextQuarter, c, label: "\(DateFormat.month(s.nextQuarter.start)) – \(DateFormat.month(s.nextQuarter.end))"),
            "risks": .list(s.risks.map { ["level": .string($0.level.rawValue), "subject": .string($0.subject), "reason": .string($0.reason)] }),
            "budgetChart": ReportCharts.budgetVersusActual(s),
            "historyChart": ReportCharts.serviceHistory(s),
            "dailyChart": ReportCharts.daily(s),
        ]
    }

    private func budgetRow(_ line: MonthlyReport.BudgetLine, _ currency: String) -> TemplateValue {
        let failed = failedExplanation.flatMap { $0.budgetId == line.budgetId ? $0 : nil }
        return [
            "id": .string(line.budgetId.lowercasedString), "name": .string(line.name), "connection": .string(line.connectionName),
            "timeRange": .string(line.timeRange.rawValue), "serviceScoped": .bool(line.serviceScoped),
            "tagFilters": line.tagFilters.isEmpty ? .bool(false) : .string(line.tagFilters.label),
            "countsTowardTotal": .bool(line.countsTowardTotal),
            "monthlyBudget": .string(ReportFormat.money(line.monthlyBudget, currency)), "actual": .string(ReportFormat.money(line.actual, currency)),
            "variance": variance(line.variance, currency),
            "explanation": line.explanation.map { e in
                ["text": .string(e.text), "author": .string(e.authorEmail ?? "someone"), "when": .string(DateFormat.timestamp(e.updatedAt))]
            } ?? .null,
            "draft": .string(failed?.text ?? line.explanation?.text ?? ""),
            "error": failed.map { .string($0.error) } ?? .null,
            "needsExplanation": .bool(line.variance.size == .large && line.explanation == nil),
        ]
    }

    private func variance(_ v: Variance, _ currency: String) -> TemplateValue {
        [
            "amount": .string(ReportFormat.signedMoney(v.amount, currency)), "percentage": .string(ReportFormat.percent(v.percentage, signed: true)),
            "direction": .string(v.direction.rawValue), "directionClass": .string(v.direction == .onBudget ? "on-budget" : v.direction.rawValue),
            "size": .string(v.size.rawValue), "response": .string(v.response), "significant": .bool(v.isSignificant),
        ]
    }

    private func share(_ s: Share, target: String) -> TemplateValue {
        ["count": .string(String(s.count)), "total": .string(String(s.total)), "percentage": .string(ReportFormat.percent(s.percentage)),
         "target": .string(target)]
    }

    private func outlook(_ o: Outlook, _ currency: String, label: String) -> TemplateValue {
        ["label": .string(label), "budget": .string(ReportFormat.money(o.budget, currency)),
         "projection": .string(o.projection.map { ReportFormat.money($0, currency) } ?? "—"), "method": .string(o.method)]
    }
}
