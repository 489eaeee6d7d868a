import Kernel
import Foundation
import JSON

/// Budgets in the shapes of the module spec: the full "Budget Creation Success Response" and the
/// summary of the "Budget List Response", field names and order as the spec writes them, plus a
/// few fields it leaves out (currency, period, version) that clients need.
enum BudgetJSON {
    static func full(_ view: BudgetView) -> JSONValue {
        BudgetEncoding.json(view.budget, metrics: view.metrics, lastEvaluatedAt: view.lastEvaluatedAt)
    }

    static func summary(_ view: BudgetView) -> JSONValue {
        let b = view.budget
        let m = view.metrics
        return .object([
            "id": .string(b.id.lowercasedString),
            "name": .string(b.name),
            "amount": number(b.amount),
            "currency": .string(b.currency),
            "currentSpend": number(m.currentSpend),
            "utilizationPercentage": number(m.utilizationPercentage),
            "status": .string(m.status.rawValue),
            "timeRange": .string(b.timeRange.rawValue),
            "cspConnectionId": .string(b.cspConnectionId.lowercasedString),
            "cspConnectionName": .string(b.cspConnectionName),
            "tagFilters": BudgetEncoding.tagFilters(b.tagFilters),
            "alertCount": .number(JSONNumber(b.alertRecipients.count)),
            "thresholdCount": .number(JSONNumber(b.thresholdRules.count)),
            "nextThresholdPercentage": m.nextThresholdPercentage.map(number) ?? .null,
            "daysRemaining": .number(JSONNumber(m.daysRemaining)),
        ])
    }

    /// The list body: budgets and totals. Money of two currencies is never added: when an
    /// organization's connections bill in several, `currency` and the two totals are null and
    /// `totalsByCurrency` has one entry per currency (it always has, one when there is one).
    /// The spec's totals add every amount, whatever its period; `totalsByPeriod` holds the ones that mean something.
    /// - Parameters:
    ///   - views: every budget that matches the query; the totals are theirs.
    ///   - page: the part of them asked for, which `budgets` lists.
    static func list(_ views: [BudgetView], page: ArraySlice<BudgetView>, query: BudgetListQuery, organizationId: UUID) -> JSONValue {
        let totals = CurrencyTotals(views)
        let single = totals.count == 1 ? totals.first : nil
        return .object([
            "budgets": .array(page.map(summary)),
            "totalBudgets": .number(JSONNumber(views.count)),
            "offset": .number(JSONNumber(query.offset)),
            "limit": query.limit.map { .number(JSONNumber($0)) } ?? .null,
            "totalAllocatedAmount": views.isEmpty ? number(0) : single.map { number($0.allocated) } ?? .null,
            "totalCurrentSpend": views.isEmpty ? number(0) : single.map { number($0.spend) } ?? .null,
            "currency": single.map { .string($0.currency) } ?? .null,
            "totalsByCurrency": .array(totals.map { total in
                .object(["currency": .string(total.currency), "totalBudgets": .number(JSONNumber(total.budgets)),
                         "totalAllocatedAmount": number(total.allocated), "totalCurrentSpend": number(total.spend)])
            }),
            "totalsByPeriod": .array(PeriodTotal.totals(of: views).map { total in
                .object(["currency": .string(total.currency), "timeRange": .string(total.timeRange.rawValue),
                         "budgets": .number(JSONNumber(total.budgets)), "allocatedAmount": number(total.allocated),
                         "currentSpend": number(total.spend), "notAdded": .number(JSONNumber(total.notAdded))])
            }),
            "organizationId": .string(organizationId.lowercasedString),
        ])
    }

    /// The current period and those before it, newest first, with each threshold reached or not.
    static func periods(_ history: PeriodHistory, view: BudgetView) -> JSONValue {
        .object([
            "budgetId": .string(view.budget.id.lowercasedString),
            "currency": .string(view.budget.currency),
            "timeRange": .string(view.budget.timeRange.rawValue),
            "periods": .array(history.entries.map { entry in
                let m = entry.metrics
                return .object([
                    "start": .string(m.period.start.iso), "end": .string(m.period.end.iso), "complete": .bool(entry.complete),
                    "amount": number(view.budget.amount), "actualSpend": number(m.currentSpend), "actualCost": number(m.actualCost),
                    "forecastAtEnd": m.forecastSpend.map(number) ?? .null, "utilizationPercentage": number(m.utilizationPercentage),
                    "status": .string(m.status.rawValue),
                    "thresholds": .array(m.rules.map { state in
                        .object(["percentage": number(state.rule.percentage), "amount": number(state.rule.amount),
                                 "triggerType": .string(state.rule.triggerType.rawValue), "figure": number(state.figure),
                                 "reached": .bool(state.reached)])
                    }),
                ])
            }),
        ])
    }

    /// The spend series: actual cumulative billed spend, the budget line, the even pace and the forecast.
    static func series(_ series: SpendSeries, view: BudgetView) -> JSONValue {
        .object([
            "budgetId": .string(view.budget.id.lowercasedString),
            "currency": .string(view.budget.currency),
            "granularity": .string(series.granularity.rawValue),
            "period": .object(["start": .string(series.period.start.iso), "end": .string(series.period.end.iso)]),
            "amount": number(series.amount),
            "currentSpend": number(view.metrics.currentSpend),
            "forecastAtPeriodEnd": series.forecastAtEnd.map(number) ?? .null,
            "forecastAvailableFrom": .string(series.forecastAvailableFrom.iso),
            "points": .array(series.points.map { point in
                .object([
                    "date": .string(point.date.iso),
                    "spend": point.spend.map(number) ?? .null,
                    "cumulative": point.cumulative.map(number) ?? .null,
                    "budget": number(series.amount),
                    "planned": number(point.planned),
                    "forecast": point.forecast.map(number) ?? .null,
                ])
            }),
        ])
    }

    static func number(_ value: Decimal) -> JSONValue { .number(JSONNumber(decimal: value)) }
}
