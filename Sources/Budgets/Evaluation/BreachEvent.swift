import Kernel
import Foundation
import JSON

/// The payload of `BudgetThresholdExceededEvent`: what one evaluation found for one budget (the
/// highest threshold reached as `breach`, every threshold reached this time in `breaches`), and the
/// budget's figures at that moment, so a consumer needs no second call. One event per budget and
/// evaluation, like the one e-mail its recipients get.
enum BreachEvent {
    static func payload(recorded: [(state: BudgetMetrics.RuleState, breach: RecordedBreach)], headline: RecordedBreach, budget: Budget,
                        metrics: BudgetMetrics, at now: Date) -> JSONObject {
        let number = { (value: Decimal) in JSONValue.number(JSONNumber(decimal: value)) }
        let breaches = recorded.map { state, breach -> (RecordedBreach, JSONValue) in
            (breach, .object([
                "id": .number(JSONNumber(Int(breach.number))),
                "ruleId": .string(state.rule.id?.lowercasedString ?? ""),
                "triggerType": .string(state.rule.triggerType.rawValue),
                "thresholdPercentage": number(state.rule.percentage),
                "thresholdAmount": number(state.rule.amount),
                "figure": number(state.figure),
                "periodStart": .string(metrics.period.start.iso),
                "periodEnd": .string(metrics.period.end.iso),
                "breachedAt": .string(UTCTimestamp.iso8601(now)),
            ]))
        }
        return [
            "breach": breaches.first { $0.0 == headline }?.1 ?? .null,
            "breaches": .array(breaches.map(\.1)),
            "budget": .object([
                "id": .string(budget.id.lowercasedString),
                "name": .string(budget.name),
                "cspConnectionId": .string(budget.cspConnectionId.lowercasedString),
                "amount": number(budget.amount),
                "currency": .string(budget.currency),
                // Its figures count only these tags' costs (empty: all of its services').
                "tagFilters": BudgetEncoding.tagFilters(budget.tagFilters),
            ]),
            "metrics": .object([
                "currentSpend": number(metrics.currentSpend),
                "actualCost": number(metrics.actualCost),
                "remainingAmount": number(metrics.remainingAmount),
                "utilizationPercentage": number(metrics.utilizationPercentage),
                "forecastSpend": metrics.forecastSpend.map(number) ?? .null,
                "status": .string(metrics.status.rawValue),
                "daysRemaining": .number(JSONNumber(metrics.daysRemaining)),
            ]),
            "recipients": .array(budget.alertRecipients.map { .string($0.email) }),
        ]
    }
}
