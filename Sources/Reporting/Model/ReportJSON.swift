import Allocation
import CostData
import Foundation
public import JSON
public import Kernel

/// The reports as JSON, written in one place: the API answers with it, an issued version freezes
/// it, and the CSV files and e-mails read the same figures. Money is a number with two decimals.
public enum ReportJSON {
    public static func monthly(_ report: MonthlyReport) -> JSONValue {
        [
            "organizationId": .string(report.organizationId.lowercasedString),
            "month": .string(ReportMonth.text(report.month)),
            "complete": .bool(report.complete),
            "asOf": report.asOf.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
            "organizationBudgetRule": .string(OrganizationBudget.rule),
            "currencies": .array(report.currencies.map(section)),
            "allocation": .array(report.allocations.map(ChargebackJSON.statement)),
        ]
    }

    static func section(_ s: MonthlyReport.CurrencySection) -> JSONValue {
        [
            "currency": .string(s.currency),
            "totalCost": money(s.totalCost),
            "budgetedCost": money(s.budgetedCost),
            "totalBudget": money(s.totalBudget),
            "unbudgetedCost": money(s.unbudgetedCost),
            "variance": variance(s.variance),
            "previousMonthCost": money(s.previousMonthCost),
            "change": percent(s.change),
            "keyVariances": .array(s.keyVariances.map { .string($0.budgetId.lowercasedString) }),
            "budgets": .array(s.budgets.map(budget)),
            "connections": .array(s.connections.map { c in
                [
                    "connectionId": .string(c.connectionId.lowercasedString), "name": .string(c.name), "cost": money(c.cost),
                    "previousMonthCost": money(c.previousMonthCost), "change": percent(c.change), "share": percent(c.share),
                    "budgeted": .bool(c.budgeted),
                ]
            }),
            "services": .array(s.services.map { line in
                [
                    "connectionId": .string(line.connectionId.lowercasedString), "connectionName": .string(line.connectionName),
                    "serviceId": .string(line.serviceId.lowercasedString), "serviceName": .string(line.serviceName),
                    "cost": money(line.cost), "previousMonthCost": money(line.previousMonthCost), "change": percent(line.change),
                    "share": percent(line.share),
                ]
            }),
            "nextMonth": outlook(s.nextMonth),
            "nextQuarter": outlook(s.nextQuarter),
            "budgetAccuracy": share(s.budgetAccuracy, "accurate"),
            // `accurate` too: the issue writes adherence as accuracy's shape ({…}); the count under both names.
            "budgetAdherence": share(s.budgetAdherence, "adherent", alias: "accurate"),
            "risks": .array(s.risks.map { ["level": .string($0.level.rawValue), "subject": .string($0.subject), "reason": .string($0.reason)] }),
            "history": [
                "months": .array(s.history.months.map { .string(ReportMonth.text($0)) }),
                "series": .array(s.history.series.map { ["name": .string($0.name), "costs": .array($0.costs.map(money))] }),
                "other": .array(s.history.other.map(money)),
            ],
            "days": days(s.days),
            "dailyBudget": money(s.dailyBudget),
        ]
    }

    static func budget(_ b: MonthlyReport.BudgetLine) -> JSONValue {
        [
            "budgetId": .string(b.budgetId.lowercasedString),
            "name": .string(b.name),
            "connectionId": .string(b.connectionId.lowercasedString),
            "connectionName": .string(b.connectionName),
            "timeRange": .string(b.timeRange.rawValue),
            "serviceScoped": .bool(b.serviceScoped),
            "tagFilters": .array(b.tagFilters.map { ["key": .string($0.key), "values": .array($0.values.map(JSONValue.string))] }),
            "monthlyBudget": money(b.monthlyBudget),
            "actual": money(b.actual),
            "variance": variance(b.variance),
            "countsTowardTotal": .bool(b.countsTowardTotal),
            "explanation": b.explanation.map { e in
                [
                    "text": .string(e.text), "author": e.authorEmail.map { .string($0) } ?? .null,
                    "updatedAt": .string(UTCTimestamp.iso8601(e.updatedAt)),
                ]
            } ?? .null,
        ]
    }

    public static func variance(_ v: Variance) -> JSONValue {
        [
            "amount": money(v.amount), "percentage": percent(v.percentage), "direction": .string(v.direction.rawValue),
            "size": .string(v.size.rawValue), "response": .string(v.response), "significant": .bool(v.isSignificant),
        ]
    }

    static func outlook(_ o: Outlook) -> JSONValue {
        [
            "start": .string(o.start.iso), "end": .string(o.end.iso), "budget": money(o.budget),
            "projection": o.projection.map(money) ?? .null, "method": .string(o.method),
        ]
    }

    static func share(_ s: Share, _ name: String, alias: String? = nil) -> JSONValue {
        var object: JSONObject = [name: .number(JSONNumber(s.count)), "budgets": .number(JSONNumber(s.total)), "percentage": percent(s.percentage)]
        if let alias { object[alias] = .number(JSONNumber(s.count)) }
        return .object(object)
    }

    static func days(_ days: [MonthlyReport.DayCost]) -> JSONValue {
        .array(days.map { ["day": .string($0.day.iso), "cost": money($0.cost)] })
    }

    public static func daily(_ d: DailyDashboard) -> JSONValue {
        [
            "organizationId": .string(d.organizationId.lowercasedString),
            "date": .string(d.date.iso),
            "complete": .bool(d.complete),
            "asOf": d.asOf.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
            "currencies": .array(d.currencies.map { s in
                [
                    "currency": .string(s.currency), "today": money(s.today), "dailyBudget": money(s.dailyBudget),
                    "monthToDate": money(s.monthToDate), "monthlyBudget": money(s.monthlyBudget),
                    "runRateMonthEnd": s.runRateMonthEnd.map(money) ?? .null, "runRateMethod": .string(s.runRateMethod),
                    "services": .array(s.services.map { line in
                        [
                            "connectionName": .string(line.connectionName), "serviceName": .string(line.serviceName),
                            "today": money(line.today), "monthToDate": money(line.monthToDate),
                        ]
                    }),
                    "topDrivers": .array(s.topDrivers.map { line in
                        [
                            "connectionName": .string(line.connectionName), "serviceName": .string(line.serviceName),
                            "monthToDate": money(line.monthToDate), "sameDaysLastMonth": money(line.sameDaysLastMonth),
                            "change": percent(line.change),
                        ]
                    }),
                ]
            }),
            "alerts": .array(d.alerts.map { a in
                [
                    "budgetId": .string(a.budgetId.lowercasedString), "budgetName": .string(a.budgetName),
                    "thresholdPercentage": .number(JSONNumber(decimal: a.thresholdPercentage)), "triggerType": .string(a.triggerType),
                    "figure": .number(JSONNumber(decimal: a.figure.rounded(2))), "currency": .string(a.currency),
                    "breachedAt": .string(UTCTimestamp.iso8601(a.breachedAt)),
                ]
            }),
            "staleConnections": .array(d.staleConnections.map { c in
                [
                    "connectionId": .string(c.connectionId.lowercasedString), "name": .string(c.name),
                    "newestCharge": c.newestCharge.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
                    "hoursSince": c.hoursSince.map { .number(JSONNumber($0)) } ?? .null,
                ]
            }),
        ]
    }

    public static func weekly(_ w: WeeklySummary) -> JSONValue {
        func changes(_ list: [WeeklySummary.ServiceChange]) -> JSONValue {
            .array(list.map { c in
                [
                    "connectionName": .string(c.connectionName), "serviceName": .string(c.serviceName), "thisWeek": money(c.thisWeek),
                    "previousWeek": money(c.previousWeek), "difference": money(c.difference), "change": percent(c.change),
                ]
            })
        }
        return [
            "organizationId": .string(w.organizationId.lowercasedString),
            "week": .string(w.week.description),
            "start": .string(w.week.start.iso),
            "end": .string(w.week.end.iso),
            "complete": .bool(w.complete),
            "asOf": w.asOf.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
            "currencies": .array(w.currencies.map { s in
                [
                    "currency": .string(s.currency), "total": money(s.total), "previousTotal": money(s.previousTotal),
                    "change": percent(s.change), "days": days(s.days), "rose": changes(s.rose), "fell": changes(s.fell),
                ]
            }),
        ]
    }

    public static func money(_ cents: Cents) -> JSONValue { .number(JSONNumber(text: cents.plainText)!) }

    static func percent(_ value: Decimal?) -> JSONValue { value.map { .number(JSONNumber(decimal: $0)) } ?? .null }
}
