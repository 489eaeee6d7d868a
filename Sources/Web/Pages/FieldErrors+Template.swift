public import Kernel
public import Templating

extension [FieldError] {
    /// The message of the first error about `field`, for a form's `{{#nameError}}`; null when it has none.
    public func message(for field: String) -> TemplateValue {
        first { $0.field == field }.map { .string($0.message) } ?? .null
    }
}
