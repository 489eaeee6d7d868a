import Foundation

/// How tag keys and values are matched, the same everywhere (import, policy, compliance, dimensions
/// and budget filters): providers write the same key differently, so a key is compared without the
/// `user:` prefix AWS puts on user-defined cost allocation tags, without surrounding spaces and
/// ignoring case (`user:Department`, `department` and ` Department ` are one key). Values are
/// compared ignoring surrounding spaces and case (`Production` is `production`).
public enum TagKey {
    public static func normalized(_ key: String) -> String {
        var text = key.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix("user:") { text = String(text.dropFirst(5)).trimmingCharacters(in: .whitespacesAndNewlines) }
        return text.lowercased()
    }

    public static func normalizedValue(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
