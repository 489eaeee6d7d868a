import JSON

/// "amount 50,000 → 60,000" lines from two snapshots of a budget, for the change history.
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
        let oldRecipients = strings(before["alertRecipients"])
        let newRecipients = strings(after["alertRecipients"])
        if oldRecipients != newRecipients { lines.append("recipients: \(list(oldRecipients)) → \(list(newRecipients))") }
        let oldServices = (before["selectedServices"]?.arrayValue ?? []).compactMap { $0["serviceName"]?.stringValue }
        let newServices = (after["selectedServices"]?.arrayValue ?? []).compactMap { $0["serviceName"]?.stringValue }
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

    private static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    private static func list(_ items: [String], empty: String = "none") -> String { items.isEmpty ? empty : items.joined(separator: ", ") }
}
