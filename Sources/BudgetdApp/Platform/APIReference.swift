public import JSON
public import Templating

/// The OpenAPI document turned into what the reference page lists: operations by tag with their
/// parameters, bodies and answers, then every schema with its fields.
public struct APIReference {
    public let document: JSONValue

    public init(document: JSONValue) { self.document = document }

    public var context: TemplateValue {
        let info = document["info"]
        return [
            "title": "API reference",
            "apiTitle": .string(info?["title"]?.stringValue ?? "API"),
            "version": .string(info?["version"]?.stringValue ?? ""),
            "description": .string(info?["description"]?.stringValue ?? ""),
            "tags": .list(tags.map { tag in ["name": .string(tag), "anchor": .string(anchor(tag)), "operations": .list(operations(tagged: tag))] }),
            "schemas": .list(schemas),
        ]
    }

    private var tags: [String] {
        document["tags"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    private func operations(tagged tag: String) -> [TemplateValue] {
        var result: [TemplateValue] = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            let shared = item["parameters"]?.arrayValue ?? []
            for method in ["get", "post", "put", "patch", "delete"] {
                guard let operation = item[method], operation["tags"]?.arrayValue?.contains(.string(tag)) == true else { continue }
                let parameters = (shared + (operation["parameters"]?.arrayValue ?? [])).map { p -> TemplateValue in
                    [
                        "name": .string(p["name"]?.stringValue ?? ""),
                        "in": .string(p["in"]?.stringValue ?? ""),
                        "required": .bool(p["required"]?.boolValue ?? false),
                        "description": .string(p["description"]?.stringValue ?? ""),
                    ]
                }
                let responses = (operation["responses"]?.objectValue ?? [:]).map { status, response -> TemplateValue in
                    let resolved = resolve(response)
                    let media = (resolved["content"]?.objectValue ?? [:]).map(\.0).filter { $0 != "application/json" }
                    return ["status": .string(status), "description": .string(resolved["description"]?.stringValue ?? ""),
                            "schema": text(schemaName(resolved["content"]?["application/json"]?["schema"])),
                            "media": text(media.joined(separator: " or "))]
                }
                let requestContent = operation["requestBody"]?["content"]
                let requestJSON = requestContent?["application/json"]?["schema"]
                let success = (operation["responses"]?.objectValue ?? [:]).first { status, _ in status.hasPrefix("2") }
                let successJSON = success.flatMap { resolve($0.1)["content"]?["application/json"]?["schema"] }
                let isPublic = operation["security"]?.arrayValue?.isEmpty == true
                result.append([
                    "method": .string(method.uppercased()),
                    "methodClass": .string(method),
                    "path": .string(path),
                    "anchor": .string(anchor(method + path)),
                    "summary": .string(operation["summary"]?.stringValue ?? ""),
                    "description": text(operation["description"]?.stringValue ?? ""),
                    "public": .bool(isPublic),
                    "parameters": .list(parameters),
                    "requestSchema": text(schemaName(requestJSON)),
                    "requestMedia": text(requestJSON == nil ? (requestContent?.objectValue ?? [:]).map(\.0).joined(separator: " or ") : ""),
                    "exampleRequest": requestJSON.map { .string(examples.value(for: $0).prettyPrinted) } ?? .null,
                    "exampleStatus": .string(success?.0 ?? ""),
                    "exampleResponse": successJSON.map { .string(examples.value(for: $0).prettyPrinted) } ?? .null,
                    "responses": .list(responses),
                ])
            }
        }
        return result
    }

    private var schemas: [TemplateValue] {
        (document["components"]?["schemas"]?.objectValue ?? [:]).map { name, schema in
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            let fields = (schema["properties"]?.objectValue ?? [:]).map { field, definition -> TemplateValue in
                [
                    "name": .string(field),
                    "type": .string(typeDescription(definition)),
                    "required": .bool(required.contains(field)),
                    "description": .string(definition["description"]?.stringValue ?? ""),
                ]
            }
            var enumValues = ""
            if let values = schema["enum"]?.arrayValue {
                enumValues = values.compactMap(\.stringValue).map { "\"\($0)\"" }.joined(separator: " | ")
            }
            return [
                "name": .string(name),
                "anchor": .string("schema-" + name),
                "description": text(schema["description"]?.stringValue ?? ""),
                "fields": .list(fields),
                "enum": text(enumValues),
            ]
        }
    }

    private func resolve(_ value: JSONValue) -> JSONValue {
        guard let reference = value["$ref"]?.stringValue, reference.hasPrefix("#/") else { return value }
        var current: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { current = current?[String(part)] }
        return current ?? value
    }

    private var examples: APIExample { APIExample(document: document) }

    /// Text for a `{{#section}}`: empty text is null, so the section (a "Body:" line, a link) is left out.
    private func text(_ value: String) -> TemplateValue { value.isEmpty ? .null : .string(value) }

    /// The name of a schema the page lists (and links to); empty for an inline one, which has no entry.
    private func schemaName(_ schema: JSONValue?) -> String {
        guard let reference = schema?["$ref"]?.stringValue else { return "" }
        return String(reference.split(separator: "/").last ?? "")
    }

    private func typeDescription(_ definition: JSONValue) -> String {
        if let reference = definition["$ref"]?.stringValue { return String(reference.split(separator: "/").last ?? "") }
        if let options = definition["anyOf"]?.arrayValue { return options.map(typeDescription).joined(separator: " or ") }
        if let constant = definition["const"]?.stringValue { return "\"\(constant)\"" }
        if let values = definition["enum"]?.arrayValue { return values.compactMap(\.stringValue).map { "\"\($0)\"" }.joined(separator: " | ") }
        let type = definition["type"]?.stringValue ?? "any"
        if type == "array" { return "array of " + typeDescription(definition["items"] ?? .null) }
        if let format = definition["format"]?.stringValue { return "\(type) (\(format))" }
        return type
    }

    private func anchor(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
