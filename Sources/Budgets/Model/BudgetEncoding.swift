import CostData
public import Foundation
public import JSON
import Kernel

/// A budget as JSON, written in one place for the API, the audit trail and the events: its
/// definition in the module spec's names and order; with `metrics`, the figures of its current
/// period too (and each rule's status), as `GET /api/budgets/{id}` answers.
public enum BudgetEncoding {
    public static func json(_ b: Budget, metrics m: BudgetMetrics? = nil, lastEvaluatedAt: Date? = nil) -> JSONValue {
        var object: JSONObject = [
            "id": .string(b.id.lowercasedString),
            "organizationId": .string(b.organizationId.lowercasedString),
            "organizationName": .string(b.organizationName),
            "cspConnectionId": .string(b.cspConnectionId.lowercasedString),
            "cspConnectionName": .string(b.cspConnectionName),
            "name": .string(b.name),
            "timeRange": .string(b.timeRange.rawValue),
            "renewalType": .string(b.renewalType.rawValue),
            "startMonth": .string(b.startMonth.iso),
            "budgetType": .string(b.budgetType.rawValue),
            "amount": number(b.amount),
            "currency": .string(b.currency),
        ]
        if let m {
            object["currentSpend"] = number(m.currentSpend)
            object["actualCost"] = number(m.actualCost)
            object["remainingAmount"] = number(m.remainingAmount)
            object["utilizationPercentage"] = number(m.utilizationPercentage)
            object["forecastSpend"] = m.forecastSpend.map(number) ?? .null
            object["forecastAvailableFrom"] = .string(m.forecastAvailableFrom.iso)
            object["status"] = .string(m.status.rawValue)
            object["currentPeriod"] = .object(["start": .string(m.period.start.iso), "end": .string(m.period.end.iso)])
            object["daysRemaining"] = .number(JSONNumber(m.daysRemaining))
            object["nextThresholdPercentage"] = m.nextThresholdPercentage.map(number) ?? .null
        }
        object["selectedServices"] = .array(b.selectedServices.map {
            .object(["id": .string($0.id.lowercasedString), "serviceName": .string($0.serviceName), "selected": .bool($0.selected)])
        })
        object["tagFilters"] = tagFilters(b.tagFilters)
        object["thresholdRules"] = .array(b.thresholdRules.enumerated().map { index, rule in
            var json: JSONObject = [
                "id": .string(rule.id?.lowercasedString ?? ""),
                "percentage": number(rule.percentage),
                "amount": number(rule.amount),
                "triggerType": .string(rule.triggerType.rawValue),
            ]
            if let m, index < m.rules.count { json["status"] = .string(m.rules[index].reached ? "triggered" : "active") }
            return .object(json)
        })
        object["alertRecipients"] = .array(b.alertRecipients.map {
            .object(["id": .string($0.id.lowercasedString), "email": .string($0.email)])
        })
        object["alertCount"] = .number(JSONNumber(b.alertRecipients.count))
        object["thresholdCount"] = .number(JSONNumber(b.thresholdRules.count))
        object["createdAt"] = .string(UTCTimestamp.iso8601(b.createdAt))
        object["updatedAt"] = .string(UTCTimestamp.iso8601(b.updatedAt))
        object["createdBy"] = b.createdBy.map { .string($0.lowercasedString) } ?? .null
        object["updatedBy"] = b.updatedBy.map { .string($0.lowercasedString) } ?? .null
        object["version"] = .number(JSONNumber(b.version))
        if m != nil { object["lastEvaluatedAt"] = lastEvaluatedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null }
        return .object(object)
    }

    /// `[{"key": "Department", "values": ["engineering"]}]`, as written: the shape a request sends.
    static func tagFilters(_ filters: [TagFilter]) -> JSONValue {
        .array(filters.map { .object(["key": .string($0.key), "values": .array($0.values.map(JSONValue.string))]) })
    }

    static func number(_ value: Decimal) -> JSONValue { .number(JSONNumber(decimal: value)) }
}
