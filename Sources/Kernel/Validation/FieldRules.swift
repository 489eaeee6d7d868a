public import Foundation

/// The rules every validator applies to its fields, worded the same everywhere: a value that is
/// missing or empty "is required"; one that is present but wrong says what it must be.
public enum FieldRules {
    /// A name people read: trimmed, required, at most `maximum` code points as sent (spaces around
    /// included, as the OpenAPI document's `maxLength` counts), printable (see `String.nameProblem`).
    public static func name(_ text: String?, field: String, maximum: Int, errors: inout FieldErrors) -> String? {
        let name = text?.trimmingWhitespaceAndNewlines() ?? ""
        if name.isEmpty {
            errors.add(field, "is required")
            return nil
        }
        let length = (text ?? "").unicodeScalars.count
        if length > maximum {
            errors.add(field, "must be at most \(maximum) characters (it has \(length))")
            return nil
        }
        if let problem = name.nameProblem {
            errors.add(field, problem)
            return nil
        }
        return name
    }

    /// An e-mail address, normalized (see `EmailAddress`).
    public static func email(_ text: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let text, !text.trimmingWhitespaceAndNewlines().isEmpty else {
            errors.add(field, "is required")
            return nil
        }
        guard let email = EmailAddress.normalized(text) else {
            errors.add(field, "\"\(text.trimmingWhitespaceAndNewlines().prefix(scalars: 80))\" is not a valid e-mail address")
            return nil
        }
        return email
    }

    /// One of a closed set of words.
    public static func choice<T: RawRepresentable & CaseIterable>(_ text: String?, field: String, allowed: [T] = Array(T.allCases),
                                                                  errors: inout FieldErrors) -> T? where T.RawValue == String {
        let names = allowed.map(\.rawValue)
        guard let text, !text.isEmpty else {
            errors.add(field, "is required (\(list(names)))")
            return nil
        }
        guard let value = T(rawValue: text), names.contains(text) else {
            errors.add(field, "must be \(list(names))")
            return nil
        }
        return value
    }

    /// An id, taken exactly as given, never trimmed: every other check of an id (which
    /// organization, which connection) reads the same text the same way.
    public static func uuid(_ text: String?, field: String, errors: inout FieldErrors) -> UUID? {
        guard let text, !text.isEmpty else {
            errors.add(field, "is required")
            return nil
        }
        guard let id = UUID(canonical: text) else {
            errors.add(field, "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000")
            return nil
        }
        return id
    }

    /// `'a', 'b' or 'c'`.
    public static func list(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
