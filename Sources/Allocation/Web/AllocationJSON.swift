import Foundation
import JSON
import Kernel

/// Tag policies and compliance as the API writes them.
enum AllocationJSON {
    static func policy(_ policy: TagPolicy) -> JSONValue {
        ["requiredTags": .array(policy.requiredTags.map { tag in
            var object: JSONObject = ["key": .string(tag.key)]
            if let values = tag.allowedValues { object["allowedValues"] = .array(values.map(JSONValue.string)) }
            return .object(object)
        })]
    }

    static func compliance(_ month: ComplianceMonth, connectionNames: [UUID: String]) -> JSONValue {
        let currencies = month.current.currencies.map { currency(month: month, $0, connectionNames: connectionNames) }
        var object: JSONObject = [
            "month": .string(MonthParameter.text(month.month)),
            "target": number(TagCompliance.target),
            "requiredTags": .array(month.policy.requiredTags.map { .string($0.key) }),
        ]
        // One currency (the common case): its figures at the top level too, as the contract names them.
        if currencies.count == 1, case .object(let only) = currencies[0] {
            for (key, value) in only { object[key] = value }
        } else {
            for key in ["taggedCostPercentage", "taggedResourcePercentage"] { object[key] = .null }
            for key in ["byConnection", "byKey", "topUntagged"] { object[key] = .array([]) }
        }
        object["currencies"] = .array(currencies)
        return .object(object)
    }

    private static func currency(month: ComplianceMonth, _ c: TagCompliance.Currency, connectionNames: [UUID: String]) -> JSONValue {
        let previous = month.previous.currencies.first { $0.currency == c.currency }
        return [
            "currency": .string(c.currency),
            "cost": number(c.share.cost),
            "taggedCost": number(c.share.taggedCost),
            "taggedCostPercentage": optional(c.share.taggedCostPercentage),
            "taggedResourcePercentage": optional(c.share.taggedResourcePercentage),
            "resources": .number(JSONNumber(c.share.resources)),
            "taggedResources": .number(JSONNumber(c.share.taggedResources)),
            "previousMonth": [
                "taggedCostPercentage": optional(previous?.share.taggedCostPercentage),
                "taggedResourcePercentage": optional(previous?.share.taggedResourcePercentage),
            ],
            "byConnection": .array(c.byConnection.map { item in
                ["connectionId": .string(item.connectionId.lowercasedString), "connectionName": .string(connectionNames[item.connectionId] ?? ""),
                 "cost": number(item.share.cost), "taggedCostPercentage": optional(item.share.taggedCostPercentage),
                 "taggedResourcePercentage": optional(item.share.taggedResourcePercentage)]
            }),
            "byKey": .array(c.byKey.map { ["key": .string($0.key), "missingCost": number($0.missingCost), "invalidCost": number($0.invalidCost)] }),
            "topUntagged": .array(c.topUntagged.map { o in
                ["resourceId": o.resourceId.map(JSONValue.string) ?? .null, "serviceName": .string(o.serviceName),
                 "connectionId": .string(o.connectionId.lowercasedString), "cost": number(o.cost),
                 "missingKeys": .array(o.missingKeys.map(JSONValue.string)), "invalidKeys": .array(o.invalidKeys.map(JSONValue.string))]
            }),
        ]
    }

    static func figures(_ figures: [UsageFigure], month: LocalDate) -> JSONValue {
        let metrics = Dictionary(grouping: figures, by: \.metric).sorted { $0.key < $1.key }
        return ["month": .string(MonthParameter.text(month)), "metrics": .array(metrics.map { metric, figures in
            ["metric": .string(metric), "values": .object(JSONObject(figures.map { ($0.value, number($0.quantity)) }))]
        })]
    }

    static func number(_ value: Decimal) -> JSONValue { .number(JSONNumber(decimal: value)) }
    static func optional(_ value: Decimal?) -> JSONValue { value.map(number) ?? .null }
}
