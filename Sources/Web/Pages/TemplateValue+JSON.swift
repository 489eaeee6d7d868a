import Foundation
public import JSON
public import Templating

extension TemplateValue {
    /// Converts JSON to template data. Numbers print as people write them: `1.210` renders `1.21`,
    /// `85` renders `85`.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .number(let n):
            if n.hasFractionOrExponent, let decimal = Decimal(string: n.text) {
                self = .string(decimal.description)
            } else {
                self = .string(n.text)
            }
        case .array(let elements): self = .list(elements.map(TemplateValue.init(json:)))
        case .object(let object):
            var dictionary: [String: TemplateValue] = [:]
            for (key, value) in object { dictionary[key] = TemplateValue(json: value) }
            self = .object(dictionary)
        }
    }
}
