public import HTTPKit
public import JSON
public import Kernel

extension Request {
    /// The body as a JSON object.
    /// - Throws: 415 when the content type is not JSON, 400 when the body is empty, not JSON, or
    ///   not an object; the message says where the JSON breaks.
    public func jsonObject() throws(HTTPError) -> JSONObject {
        guard let type = mediaType, type == "application/json" || type.hasSuffix("+json") else {
            throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type",
                            "Send the body as JSON with Content-Type: application/json (got \(mediaType ?? "no content type")).")
        }
        guard !body.isEmpty else { throw HTTPError(.badRequest, code: "bad_request", "The request body is empty; a JSON object is expected.") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw HTTPError(.badRequest, code: "malformed_json", "The body is not valid JSON: \(error).")
        }
        guard let object = value.objectValue else {
            throw HTTPError(.badRequest, code: "bad_request",
                            "The body must be a JSON object, not \(value.typeName == "array" ? "an" : "a") \(value.typeName).")
        }
        return object
    }
}

/// Reads typed members out of a JSON object, collecting every type mismatch and unknown member as
/// a field error instead of stopping at the first, so a client sees all its mistakes at once.
///
/// `null` counts as absent: to empty a list, send `[]`.
public struct JSONFields {
    public let object: JSONObject
    public let prefix: String
    public var errors = FieldErrors()

    public init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    public func path(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    public mutating func string(_ key: String) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            errors.add(path(key), "must be a string, not \(value.typeName)")
            return nil
        }
        return string
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else {
            errors.add(path(key), "must be true or false, not \(value.typeName)")
            return nil
        }
        return bool
    }

    /// Like `string`, but a missing member is an error too.
    public mutating func requiredString(_ key: String) -> String? {
        guard object[key] != nil, object[key] != .null else {
            errors.add(path(key), "is required")
            return nil
        }
        return string(key)
    }

    /// A number's exact text (`50000.0` stays `50000.0`).
    public mutating func number(_ key: String) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.numberValue else {
            errors.add(path(key), "must be a number, not \(value.typeName)")
            return nil
        }
        return number.text
    }

    /// An array of strings; an element of another type is reported and kept as an empty string,
    /// so the others keep their positions (and their errors the right index).
    public mutating func stringArray(_ key: String) -> [String]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            errors.add(path(key), "must be an array of strings, not \(value.typeName)")
            return nil
        }
        var strings: [String] = []
        for (i, element) in array.enumerated() {
            guard let s = element.stringValue else {
                errors.add("\(path(key))[\(i)]", "must be a string, not \(element.typeName)")
                strings.append("")
                continue
            }
            strings.append(s)
        }
        return strings
    }

    /// An array of objects; an element of another type is reported and kept as an empty object,
    /// so the others keep their positions.
    public mutating func objectArray(_ key: String) -> [JSONObject]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let array = value.arrayValue else {
            errors.add(path(key), "must be an array of objects, not \(value.typeName)")
            return nil
        }
        var objects: [JSONObject] = []
        for (i, element) in array.enumerated() {
            guard let o = element.objectValue else {
                errors.add("\(path(key))[\(i)]", "must be an object, not \(element.typeName)")
                objects.append(JSONObject())
                continue
            }
            objects.append(o)
        }
        return objects
    }

    public mutating func object(_ key: String) -> JSONObject? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let o = value.objectValue else {
            errors.add(path(key), "must be an object, not \(value.typeName)")
            return nil
        }
        return o
    }

    /// Reports every member not in `known` (the answer shows the first 100 problems; see
    /// `ErrorResponder.bounded`).
    public mutating func rejectUnknown(_ known: Set<String>) {
        for key in object.keys where !known.contains(key) {
            errors.add(path(key), "is not a known field")
        }
    }

    public mutating func absorb(_ other: JSONFields) { errors.append(contentsOf: other.errors.list) }

    /// Whether `field` was already reported (its type was wrong, say).
    public func hasError(at field: String) -> Bool { errors.contains(field) }

    /// Throws every collected error as one 400.
    public func check() throws(DomainError) { try errors.check() }
}
