/// A value a template renders. Numbers arrive as strings already formatted by the caller.
///
/// The engine never formats numbers or dates itself, so output stays identical on every platform
/// and locale: whoever builds the value decides how "1.50" or "2024-01-31" should read.
///
/// Truthiness (what `{{#x}}` and `{{^x}}` test): `.null`, `.bool(false)` and an empty `.list` are
/// falsy; everything else is truthy, including `.string("")`, `.string("0")` and `.object([:])`.
/// The spec only speaks about null, booleans and lists; strings and objects follow the rule that a
/// value which is present is "there", so `{{#name}}` means "name was provided".
///
/// Interpolation (`{{x}}`): a string renders as itself, `.bool` renders as `true` / `false`, and
/// `.null`, `.list` and `.object` render as nothing.
public indirect enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case string(String)
    case list([TemplateValue])
    case object([String: TemplateValue])
}

extension TemplateValue {
    /// Whether a section renders (and an inverted section does not).
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .list(let items): !items.isEmpty
        case .string, .object: true
        }
    }

    /// The text an interpolation tag renders, before escaping.
    var interpolatedText: String {
        switch self {
        case .string(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null, .list, .object: ""
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) {
        self = .list(elements)
    }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value, as an assignment would.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

/// A value that knows how it reads in a template: page contexts and their rows are structs that
/// render themselves, so a handler fills typed fields and the template's names are written in
/// one place, next to the fields they come from.
public protocol TemplateRenderable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRenderable {
    public var templateValue: TemplateValue { self }
}

extension TemplateValue {
    /// A list of renderable values.
    public static func rows(_ items: [some TemplateRenderable]) -> TemplateValue { .list(items.map(\.templateValue)) }

    /// `.null` for `nil`, the value's rendering otherwise.
    public static func optional(_ value: (some TemplateRenderable)?) -> TemplateValue { value?.templateValue ?? .null }
}

extension String: TemplateRenderable {
    public var templateValue: TemplateValue { .string(self) }
}

extension Bool: TemplateRenderable {
    public var templateValue: TemplateValue { .bool(self) }
}
