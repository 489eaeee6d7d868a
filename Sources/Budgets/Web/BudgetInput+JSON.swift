import JSON
import Kernel
import Web

extension BudgetInput {
    static let createFields: Set<String> = [
        "organizationId", "cspConnectionId", "name", "timeRange", "renewalType", "startMonth", "budgetType", "amount",
        "selectedServiceIds", "thresholdRules", "alertRecipients", "tagFilters",
    ]
    static let ruleFields: Set<String> = ["percentage", "amount", "triggerType"]
    static let tagFilterFields: Set<String> = ["key", "values"]

    /// Reads a create or update body (the spec's field names); type mismatches and unknown fields
    /// come back as field errors, to be reported together with the validator's.
    static func fromJSON(_ object: JSONObject) -> (BudgetInput, [FieldError]) {
        var fields = JSONFields(object)
        fields.rejectUnknown(createFields)
        var input = BudgetInput(
            organizationId: fields.string("organizationId"),
            cspConnectionId: fields.string("cspConnectionId"),
            name: fields.string("name"),
            timeRange: fields.string("timeRange"),
            renewalType: fields.string("renewalType"),
            budgetType: fields.string("budgetType"),
            startMonth: fields.string("startMonth"),
            amount: fields.number("amount"),
            selectedServiceIds: fields.stringArray("selectedServiceIds"),
            alertRecipients: fields.stringArray("alertRecipients"))
        if let rules = fields.objectArray("thresholdRules") {
            input.thresholdRules = rules.enumerated().map { i, rule in
                var reader = JSONFields(rule, prefix: "thresholdRules[\(i)]")
                reader.rejectUnknown(ruleFields)
                let parsed = RuleInput(percentage: reader.number("percentage"), amount: reader.number("amount"),
                                       triggerType: reader.string("triggerType"))
                fields.absorb(reader)
                return parsed
            }
        }
        if let filters = fields.objectArray("tagFilters") {
            input.tagFilters = filters.enumerated().map { i, filter in
                var reader = JSONFields(filter, prefix: "tagFilters[\(i)]")
                reader.rejectUnknown(tagFilterFields)
                let parsed = TagFilterInput(key: reader.string("key"), values: reader.stringArray("values"))
                fields.absorb(reader)
                return parsed
            }
        }
        return (input, fields.errors.list)
    }
}
