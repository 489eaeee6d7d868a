import JSON

/// An example value for a schema of the OpenAPI document, for the reference page: the document's
/// own `example` (or `default`, `const`, first `enum` value) where it gives one, otherwise a value
/// built from the type, the format and the bounds. Every example the page shows is checked against
/// its schema by the end-to-end tests, so an example cannot contradict the contract.
struct APIExample {
    let document: JSONValue

    func value(for schema: JSONValue, name: String = "", depth: Int = 0) -> JSONValue {
        // Deep enough for every nesting the document has (a list of breaches with their messages), and
        // a stop for a schema that refers to itself.
        guard depth < 24 else { return .null }
        if let example = schema["example"] { return example }
        if let first = schema["examples"]?.arrayValue?.first { return first }
        if let constant = schema["const"] { return constant }
        if let reference = schema["$ref"]?.stringValue { return value(for: resolve(reference), name: name, depth: depth + 1) }
        if let fallback = schema["default"], fallback != .null { return fallback }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        if let options = schema["anyOf"]?.arrayValue ?? schema["oneOf"]?.arrayValue {
            let option = options.first { $0["type"]?.stringValue != "null" } ?? .null
            return value(for: option, name: name, depth: depth + 1)
        }
        switch type(of: schema) {
        case "object":
            var object = JSONObject()
            for (field, definition) in schema["properties"]?.objectValue ?? [:] {
                object[field] = value(for: definition, name: field, depth: depth + 1)
            }
            return .object(object)
        case "array":
            let item = value(for: schema["items"] ?? .null, name: name, depth: depth + 1)
            return .array(Array(repeating: item, count: max(1, schema["minItems"]?.numberValue?.intValue ?? 1)))
        case "integer":
            return .number(JSONNumber(max(1, schema["minimum"]?.numberValue?.intValue ?? 1)))
        case "number":
            if let maximum = schema["maximum"]?.numberValue, let limit = Double(maximum.text), limit < 100 { return .number(maximum) }
            return .number(JSONNumber(100))
        case "boolean":
            return .bool(false)
        case "string":
            return .string(text(for: schema, name: name))
        default:
            return .null
        }
    }

    /// The first type that is not `null` (3.1 allows `"type": ["string", "null"]`).
    private func type(of schema: JSONValue) -> String {
        if let type = schema["type"]?.stringValue { return type }
        if let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) { return types.first { $0 != "null" } ?? "null" }
        return schema["properties"] != nil ? "object" : "any"
    }

    private func text(for schema: JSONValue, name: String) -> String {
        switch schema["format"]?.stringValue {
        case "uuid": return "3f6c1c9e-8d3b-4a57-9c2e-6b1d2f4a5e70"
        case "date-time": return "2025-06-15T10:30:00Z"
        case "date": return "2025-06-01"
        case "email": return "finance@example.com"
        case "uri": return "https://hooks.example.com/budgetd"
        default: break
        }
        let lower = name.lowercased()
        if lower.contains("email") || lower.contains("recipient") { return "finance@example.com" }
        if lower.contains("url") { return "https://hooks.example.com/budgetd" }
        if lower.contains("password") { return "correct horse battery staple" }
        if lower.contains("currency") { return "USD" }
        if lower.contains("month") { return "2025-06" }
        if lower.contains("name") { return "Production AWS Account" }
        return "text"
    }

    private func resolve(_ reference: String) -> JSONValue {
        guard reference.hasPrefix("#/") else { return .null }
        var current: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { current = current?[String(part)] }
        return current ?? .null
    }
}
