import Foundation
import JSON
import Kernel

/// "amount 50,000 → 60,000" lines from two snapshots of a budget, for the change history.
///
/// Snapshots are `BudgetEncoding.json` (recipients as objects, services with their `selected`
/// flag); entries written before that encoding was shared hold recipients as plain strings and
/// only the selected services, and read the same.
enum AuditSummary {
    /// Money, months, periods and thresholds are written as the rest of the page writes them.
    static func changes(before: JSONValue?, after: JSONValue?) -> [String] {
        guard let before, let after else { return [] }
        var lines: [String] = []
        let currency = after["currency"]?.stringValue ?? before["currency"]?.stringValue ?? "USD"
        let fields: [(key: String, label: String, show: (JSONValue?) -> String)] = [
            ("name", "name", text), ("amount", "amount", { money($0, currency) }), ("timeRange", "period", timeRange),
            ("startMonth", "start month", month), ("cspConnectionName", "connection", text),
        ]
        for field in fields {
            let old = field.show(before[field.key])
            let new = field.show(after[field.key])
            if old != new { lines.append("\(field.label): \(old) → \(new)") }
        }
        let oldRules = rules(before)
        let newRules = rules(after)
        if oldRules != newRules { lines.append("thresholds: \(list(oldRules)) → \(list(newRules))") }
        let oldRecipients = recipients(before)
        let newRecipients = recipients(after)
        if oldRecipients != newRecipients { lines.append("recipients: \(list(oldRecipients)) → \(list(newRecipients))") }
        let oldServices = services(before)
        let newServices = services(after)
        if oldServices != newServices { lines.append("services: \(list(oldServices, empty: "all")) → \(list(newServices, empty: "all"))") }
        let oldTags = tags(before)
        let newTags = tags(after)
        if oldTags != newTags { lines.append("tags: \(oldTags.isEmpty ? "any" : oldTags.joined(separator: "; ")) → "
                                             + (newTags.isEmpty ? "any" : newTags.joined(separator: "; "))) }
        return lines
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: s
        case .number(let n)?: n.text
        default: "—"
        }
    }

    private static func money(_ value: JSONValue?, _ currency: String) -> String {
        guard case .number(let n)? = value, let amount = Decimal(jsonNumber: n.text) else { return text(value) }
        return MoneyFormat.amount(amount, currency: currency)
    }

    private static func timeRange(_ value: JSONValue?) -> String {
        value?.stringValue.flatMap(TimeRange.init(rawValue:))?.label.lowercased() ?? text(value)
    }

    private static func month(_ value: JSONValue?) -> String {
        value?.stringValue.flatMap { LocalDate(iso: $0) }.map(DateFormat.longMonth) ?? text(value)
    }

    private static func rules(_ snapshot: JSONValue) -> [String] {
        (snapshot["thresholdRules"]?.arrayValue ?? []).map { rule in
            let level: String
            if case .number(let n)? = rule["percentage"], let percentage = Decimal(jsonNumber: n.text) {
                level = MoneyFormat.level(percentage)
            } else {
                level = text(rule["percentage"]) + "\u{202F}%"
            }
            return "\(level) (\(text(rule["triggerType"])))"
        }
    }

    private static func recipients(_ snapshot: JSONValue) -> [String] {
        (snapshot["alertRecipients"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["email"]?.stringValue }
    }

    private static func services(_ snapshot: JSONValue) -> [String] {
        (snapshot["selectedServices"]?.arrayValue ?? []).filter { $0["selected"] != .bool(false) }.compactMap { $0["serviceName"]?.stringValue }
    }

    /// `Department: engineering, product` per filter; snapshots from before tag filters have none.
    private static func tags(_ snapshot: JSONValue) -> [String] {
        (snapshot["tagFilters"]?.arrayValue ?? []).map { filter in
            "\(text(filter["key"])): " + (filter["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
        }
    }

    private static func list(_ items: [String], empty: String = "none") -> String { items.isEmpty ? empty : items.joined(separator: ", ") }
}
