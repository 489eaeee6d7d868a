public import BudgetCore
public import JSON

/// A budget's definition as JSON, for the audit trail and event payloads: what it was, not what
/// it has spent (spend changes without anyone changing the budget).
public enum BudgetSnapshot {
    public static func json(_ budget: Budget) -> JSONValue {
        .object([
            "id": .string(budget.id.lowercasedString),
            "organizationId": .string(budget.organizationId.lowercasedString),
            "cspConnectionId": .string(budget.cspConnectionId.lowercasedString),
            "cspConnectionName": .string(budget.cspConnectionName),
            "name": .string(budget.name),
            "timeRange": .string(budget.timeRange.rawValue),
            "renewalType": .string(budget.renewalType.rawValue),
            "startMonth": .string(budget.startMonth.iso),
            "budgetType": .string(budget.budgetType.rawValue),
            "amount": .number(JSONNumber(decimal: budget.amount)),
            "currency": .string(budget.currency),
            "selectedServices": .array(budget.selectedServices.map {
                .object(["id": .string($0.id.lowercasedString), "serviceName": .string($0.serviceName)])
            }),
            "thresholdRules": .array(budget.thresholdRules.map {
                .object([
                    "id": $0.id.map { .string($0.lowercasedString) } ?? .null,
                    "percentage": .number(JSONNumber(decimal: $0.percentage)),
                    "amount": .number(JSONNumber(decimal: $0.amount)),
                    "triggerType": .string($0.triggerType.rawValue),
                ])
            }),
            "alertRecipients": .array(budget.alertRecipients.map { .string($0.email) }),
            "version": .number(JSONNumber(budget.version)),
        ])
    }
}
