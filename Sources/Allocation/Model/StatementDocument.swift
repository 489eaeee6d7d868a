import JSON
import Kernel

/// Reads an issued statement's frozen document: the figures as they were when it was issued.
enum StatementDocument {
    static func currencies(of statement: IssuedStatement) -> [JSONValue] {
        guard let document = try? JSONParser.parse(statement.document) else { return [] }
        return document["currencies"]?.arrayValue ?? []
    }

    /// The value's line in one currency of the document.
    static func line(of statement: IssuedStatement, currency: String, key: String) -> JSONValue? {
        currencies(of: statement).first { $0["currency"]?.stringValue == currency }?["values"]?.arrayValue?.first { line in
            TagKey.normalizedValue(line["value"]?.stringValue ?? "") == key
        }
    }

    /// The value's service lines as issued: name → cost text.
    static func serviceLines(of statement: IssuedStatement, currency: String, key: String) -> [(name: String, cost: String)] {
        (line(of: statement, currency: currency, key: key)?["services"]?.arrayValue ?? []).compactMap { service in
            guard let name = service["serviceName"]?.stringValue, let cost = service["cost"]?.numberValue?.text else { return nil }
            return (name, cost)
        }
    }

    static func services(of statement: IssuedStatement, currency: String, key: String) -> [String] {
        serviceLines(of: statement, currency: currency, key: key).map(\.name)
    }
}
