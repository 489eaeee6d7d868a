import BudgetCore
import BudgetStorage
import Foundation
import JSON

/// The payload of `BudgetThresholdExceededEvent`: the breach, the budget it belongs to, and the
/// budget's figures when it happened, so a consumer needs no second call.
enum BreachEvent {
    static func payload(breachId: Int64, budget: Budget, state: BudgetMetrics.RuleState, metrics: BudgetMetrics, at now: Date) -> JSONObject {
        let number = { (value: Decimal) in JSONValue.number(JSONNumber(decimal: value)) }
        return [
            "breach": .object([
                "id": .number(JSONNumber(Int(breachId))),
                "ruleId": .string(state.rule.id?.lowercasedString ?? ""),
                "triggerType": .string(state.rule.triggerType.rawValue),
                "thresholdPercentage": number(state.rule.percentage),
                "thresholdAmount": number(state.rule.amount),
                "figure": number(state.figure),
                "periodStart": .string(metrics.period.start.iso),
                "periodEnd": .string(metrics.period.end.iso),
                "breachedAt": .string(UTCTimestamp.iso8601(now)),
            ]),
            "budget": .object([
                "id": .string(budget.id.lowercasedString),
                "name": .string(budget.name),
                "cspConnectionId": .string(budget.cspConnectionId.lowercasedString),
                "amount": number(budget.amount),
                "currency": .string(budget.currency),
            ]),
            "metrics": .object([
                "currentSpend": number(metrics.currentSpend),
                "actualCost": number(metrics.actualCost),
                "remainingAmount": number(metrics.remainingAmount),
                "utilizationPercentage": number(metrics.utilizationPercentage),
                "forecastSpend": number(metrics.forecastSpend),
                "status": .string(metrics.status.rawValue),
                "daysRemaining": .number(JSONNumber(metrics.daysRemaining)),
            ]),
            "recipients": .array(budget.alertRecipients.map { .string($0.email) }),
        ]
    }
}
