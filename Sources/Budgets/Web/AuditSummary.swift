import JSON

/// "amount 50,000 → 60,000" lines from two snapshots of a budget, for the change history.
///
/// Snapshots are `BudgetEncoding.json` (recipients as objects, services with their `selected`
/// flag); entries written before that encoding was shared hold recipients as plain strings and
/// only the selected services, and read the same.
enum AuditSummary {
    static func changes(before: JSONValue?, after: JSONValue?) -> [String] {
        guard let before, let after else { return [] }
        var lines: [String] = []
        for (key, label) in [("name", "name"), ("amount", "amount"), ("timeRange", "period"), ("startMonth", "start month"),
                             ("cspConnectionName", "connection")] {
            let old = text(before[key])
            let new = text(after[key])
            if old != new { lines.append("\(label): \(old) → \(new)") }
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
        return lines
    }

    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: s
        case .number(let n)?: n.text
        default: "—"
        }
    }

    private static func rules(_ snapshot: JSONValue) -> [String] {
        (snapshot["thresholdRules"]?.arrayValue ?? []).map {
            "\(text($0["percentage"])) % (\(text($0["triggerType"])))"
        }
    }

    private static func recipients(_ snapshot: JSONValue) -> [String] {
        (snapshot["alertRecipients"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["email"]?.stringValue }
    }

    private static func services(_ snapshot: JSONValue) -> [String] {
        (snapshot["selectedServices"]?.arrayValue ?? []).filter { $0["selected"] != .bool(false) }.compactMap { $0["serviceName"]?.stringValue }
    }

    private static func list(_ items: [String], empty: String = "none") -> String { items.isEmpty ? empty : items.joined(separator: ", ") }
}
