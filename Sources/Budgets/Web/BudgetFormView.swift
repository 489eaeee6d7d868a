import Kernel
import Tenancy
import Foundation
import Templating

/// The budget form as the template draws it: every value as typed, every error next to its field
/// and in a summary at the top that links to the fields.
struct BudgetFormView {
    let values: BudgetFormValues
    let errors: [FieldError]
    /// For each validated rule, the form row it came from.
    let ruleRows: [Int]
    let connections: [CSPConnection]
    let services: [UUID: [CSPService]]
    let triggerTypes: [TriggerType]

    var context: TemplateValue {
        var byField: [String: [String]] = [:]
        var summary: [TemplateValue] = []
        for error in errors {
            let (field, label) = formField(for: error.field)
            let message = readable(error.message)
            byField[field, default: []].append(message)
            summary.append(["anchor": .string(field), "text": .string("\(label) \(message)")])
        }
        func error(_ field: String) -> TemplateValue {
            byField[field].map { .string($0.joined(separator: "; ")) } ?? .null
        }
        let ruleCount = max(values.rules.count + BudgetFormValues.spareRules, 4)
        let rules: [TemplateValue] = (0..<ruleCount).map { row in
            let rule = row < values.rules.count ? values.rules[row] : BudgetFormValues.RuleRow()
            return [
                "row": .string(String(row)),
                "number": .string(String(row + 1)),
                "percentage": .string(rule.percentage),
                "amount": .string(rule.amount),
                "triggers": .list(triggerTypes.map {
                    ["value": .string($0.rawValue), "label": .string($0.label), "selected": .bool($0.rawValue == rule.trigger)]
                }),
                "percentageError": error("rule-\(row)-percentage"),
                "amountError": error("rule-\(row)-amount"),
                "triggerError": error("rule-\(row)-trigger"),
                "rowError": error("rule-\(row)"),
            ]
        }
        let tagCount = max(values.tags.count + BudgetFormValues.spareTags, 2)
        let tags: [TemplateValue] = (0..<tagCount).map { row in
            let tag = row < values.tags.count ? values.tags[row] : BudgetFormValues.TagRow()
            return [
                "row": .string(String(row)), "number": .string(String(row + 1)),
                "key": .string(tag.key), "values": .string(tag.values),
                "keyError": error("tag-\(row)-key"), "valuesError": error("tag-\(row)-values"),
            ]
        }
        return [
            "errorSummary": .list(summary),
            "hasErrors": .bool(!errors.isEmpty),
            "version": .string(values.version),
            "name": ["value": .string(values.name), "error": error("name")],
            "connections": .list(connections.map {
                ["id": .string($0.id.lowercasedString), "name": .string($0.name), "currency": .string($0.currency),
                 "selected": .bool($0.id.lowercasedString == values.connectionId)]
            }),
            "connectionError": error("cspConnectionId"),
            "timeRanges": .list(TimeRange.allCases.map {
                ["value": .string($0.rawValue), "label": .string($0.label), "selected": .bool($0.rawValue == values.timeRange)]
            }),
            "timeRangeError": error("timeRange"),
            "renewalTypes": .list(RenewalType.allCases.map { ["value": .string($0.rawValue), "selected": .bool($0.rawValue == values.renewalType)] }),
            "renewalTypeError": error("renewalType"),
            "budgetTypes": .list(BudgetType.allCases.map { ["value": .string($0.rawValue), "selected": .bool($0.rawValue == values.budgetType)] }),
            "budgetTypeError": error("budgetType"),
            "startMonth": ["value": .string(values.startMonth), "error": error("startMonth")],
            "amount": ["value": .string(values.amount), "error": error("amount")],
            "serviceGroups": .list(connections.map { connection in
                [
                    "connectionId": .string(connection.id.lowercasedString),
                    "connectionName": .string(connection.name),
                    "services": .list((services[connection.id] ?? []).map {
                        ["id": .string($0.id.lowercasedString), "name": .string($0.serviceName),
                         "checked": .bool(values.serviceIds.contains($0.id.lowercasedString))]
                    }),
                ]
            }),
            "servicesError": error("services"),
            "tags": .list(tags),
            "tagsError": error("tags"),
            "rules": .list(rules),
            "rulesError": error("rules"),
            "recipients": ["value": .string(values.recipients), "error": error("alertRecipients")],
            "generalError": error("general"),
        ]
    }

    /// A message that names another filter by its API path (`tagFilters[0].key`) names it by its
    /// row instead, as a person filling in the form knows it.
    private func readable(_ message: String) -> String {
        guard let range = message.range(of: #"tagFilters\[[0-9]+\]\.key"#, options: .regularExpression),
              let index = Int(message[range].dropFirst("tagFilters[".count).prefix { $0.isNumber }) else { return message }
        let rows = values.tagInputs.rows
        return message.replacingCharacters(in: range, with: "tag filter \((index < rows.count ? rows[index] : index) + 1)")
    }

    /// `tagFilters[1].values[2]` → the values field of the form row that filter came from, "Tag filter 2 value 3".
    private func tagField(for path: String) -> (String, String) {
        let inner = path.dropFirst("tagFilters[".count)
        let index = Int(inner.prefix { $0.isNumber }) ?? 0
        let rows = values.tagInputs.rows
        let row = index < rows.count ? rows[index] : index
        let rest = inner.drop { $0 != "]" }.dropFirst()
        let label = "Tag filter \(row + 1)"
        if rest.hasPrefix(".key") { return ("tag-\(row)-key", "\(label) key") }
        if rest.hasPrefix(".values["), let value = Int(rest.dropFirst(".values[".count).prefix { $0.isNumber }) {
            return ("tag-\(row)-values", "\(label) value \(value + 1)")
        }
        return ("tag-\(row)-values", "\(label) values")
    }

    /// The form field (its element id) and a label for a validator's field path.
    private func formField(for path: String) -> (String, String) {
        if path.hasPrefix("thresholdRules[") {
            let inner = path.dropFirst("thresholdRules[".count)
            let index = Int(inner.prefix { $0.isNumber }) ?? 0
            let row = index < ruleRows.count ? ruleRows[index] : index
            let rest = inner.drop { $0 != "]" }.dropFirst()
            let label = "Threshold \(row + 1)"
            switch rest {
            case ".percentage": return ("rule-\(row)-percentage", "\(label) percentage")
            case ".amount": return ("rule-\(row)-amount", "\(label) amount")
            case ".triggerType": return ("rule-\(row)-trigger", "\(label) trigger")
            default: return ("rule-\(row)", label)
            }
        }
        if path.hasPrefix("alertRecipients[") {
            let index = Int(path.dropFirst("alertRecipients[".count).prefix { $0.isNumber }) ?? 0
            return ("alertRecipients", "Recipient \(index + 1)")
        }
        if path.hasPrefix("selectedServiceIds") { return ("services", "Service selection") }
        if path.hasPrefix("tagFilters[") { return tagField(for: path) }
        switch path {
        case "name": return ("name", "Name")
        case "cspConnectionId": return ("cspConnectionId", "Connection")
        case "timeRange": return ("timeRange", "Period")
        case "renewalType": return ("renewalType", "Renewal")
        case "budgetType": return ("budgetType", "Budget type")
        case "startMonth": return ("startMonth", "Start month")
        case "amount": return ("amount", "Amount")
        case "thresholdRules": return ("rules", "Thresholds")
        case "tagFilters": return ("tags", "Tag filters")
        case "alertRecipients": return ("alertRecipients", "Recipients")
        default: return ("general", path)
        }
    }
}
