/// Rules for the things a tenant sets up: organizations, users, connections and services.
public enum TenancyValidator {
    /// Characters counted as code points, as JSON Schema's `minLength` does.
    public static let minimumPasswordLength = 10
    public static let maximumPasswordLength = 256

    /// - Returns: the trimmed name. The length counts code points as sent, spaces around included,
    ///   as the OpenAPI document's `maxLength` does.
    public static func name(_ text: String?, field: String, maximum: Int, errors: inout [FieldError]) -> String? {
        let name = text?.trimmingWhitespaceAndNewlines() ?? ""
        if name.isEmpty {
            errors.append(FieldError(field, "is required"))
            return nil
        }
        if (text ?? "").unicodeScalars.count > maximum {
            errors.append(FieldError(field, "must be at most \(maximum) characters"))
            return nil
        }
        if let problem = name.nameProblem {
            errors.append(FieldError(field, problem))
            return nil
        }
        return name
    }

    public static func email(_ text: String?, field: String, errors: inout [FieldError]) -> String? {
        guard let text, !text.isEmpty else {
            errors.append(FieldError(field, "is required"))
            return nil
        }
        guard let email = EmailAddress.normalized(text) else {
            errors.append(FieldError(field, "is not a valid e-mail address"))
            return nil
        }
        return email
    }

    public static func password(_ text: String?, field: String, errors: inout [FieldError]) -> String? {
        guard let text, !text.isEmpty else {
            errors.append(FieldError(field, "is required"))
            return nil
        }
        guard text.unicodeScalars.count >= minimumPasswordLength else {
            errors.append(FieldError(field, "must be at least \(minimumPasswordLength) characters"))
            return nil
        }
        guard text.unicodeScalars.count <= maximumPasswordLength else {
            errors.append(FieldError(field, "must be at most \(maximumPasswordLength) characters"))
            return nil
        }
        return text
    }

    public static func choice<T: RawRepresentable & CaseIterable>(_ text: String?, field: String, errors: inout [FieldError]) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard let text, let value = T(rawValue: text) else {
            errors.append(FieldError(field, text == nil ? "is required (\(BudgetValidator.list(allowed)))" : "must be \(BudgetValidator.list(allowed))"))
            return nil
        }
        return value
    }

    public static func currency(_ text: String?, field: String, errors: inout [FieldError]) -> String? {
        guard let text else { return "USD" }
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            errors.append(FieldError(field, "must be an ISO 4217 code such as USD or EUR"))
            return nil
        }
        return text
    }
}
