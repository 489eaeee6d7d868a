public import Kernel

/// The rules for what a tenant sets up that the shared `FieldRules` do not cover: passwords and
/// billing currencies. Names, addresses and choices use `FieldRules`, like every other validator.
public enum TenancyValidator {
    /// Characters counted as code points, as JSON Schema's `minLength` does.
    public static let minimumPasswordLength = 10
    public static let maximumPasswordLength = 256
    public static let maximumOrganizationName = 255
    public static let maximumConnectionName = 100
    public static let maximumServiceName = 255
    public static let maximumServiceCategory = 100

    public static func password(_ text: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let text, !text.isEmpty else {
            errors.add(field, "is required")
            return nil
        }
        guard text.unicodeScalars.count >= minimumPasswordLength else {
            errors.add(field, "must be at least \(minimumPasswordLength) characters")
            return nil
        }
        guard text.unicodeScalars.count <= maximumPasswordLength else {
            errors.add(field, "must be at most \(maximumPasswordLength) characters")
            return nil
        }
        return text
    }

    /// An ISO 4217 code; USD when left out.
    public static func currency(_ text: String?, field: String, errors: inout FieldErrors) -> String? {
        guard let text else { return "USD" }
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            errors.add(field, "must be an ISO 4217 code such as USD or EUR")
            return nil
        }
        return text
    }
}
