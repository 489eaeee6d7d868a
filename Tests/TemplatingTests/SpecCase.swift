import Foundation
import Templating
import Testing

/// One test of the official Mustache spec, read from `/work/shared/mustache-spec/*.json`.
struct SpecCase: Sendable, CustomTestStringConvertible {
    /// The name the case's own template gets in the library; no spec partial uses it.
    static let templateName = "(spec template)"

    static let files = [
        "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
        "partials.json", "sections.json", "~inheritance.json", "~dynamic-names.json",
    ]

    /// `../shared/mustache-spec` relative to the package root, two levels above this file's folder.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("../shared/mustache-spec")
        .standardizedFileURL

    /// Every case, or none when the files cannot be read (the count test then reports why).
    static let all: [SpecCase] = (try? load()) ?? []

    let file: String
    let name: String
    let details: String
    let template: String
    let partials: [String: String]
    let data: TemplateValue
    let expected: String

    var testDescription: String { "\(file): \(name)" }

    /// Everything needed to understand a failure without opening the JSON.
    func report(actual: String) -> String {
        """
        spec file:   \(file)
        case:        \(name)
        description: \(details)
        template:    \(template.debugDescription)
        partials:    \(partials.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.debugDescription)" })
        expected:    \(expected.debugDescription)
        actual:      \(actual.debugDescription)
        """
    }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static func load() throws -> [SpecCase] {
        var cases: [SpecCase] = []
        for file in files {
            let url = directory.appendingPathComponent(file)
            let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: url))
            guard let root = json as? [String: Any], let tests = root["tests"] as? [[String: Any]] else {
                throw LoadError(description: "\(url.path): no 'tests' array")
            }
            for test in tests {
                guard let name = test["name"] as? String,
                      let template = test["template"] as? String,
                      let expected = test["expected"] as? String
                else { throw LoadError(description: "\(url.path): malformed test \(test)") }
                cases.append(SpecCase(
                    file: file,
                    name: name,
                    details: test["desc"] as? String ?? "",
                    template: template,
                    partials: test["partials"] as? [String: String] ?? [:],
                    data: value(fromJSON: test["data"] ?? NSNull()),
                    expected: expected
                ))
            }
        }
        return cases
    }

    /// Converts JSONSerialization output. Booleans arrive as NSNumber too; their Objective-C type
    /// code is "c", while JSON integers are "i"/"q" and decimals "d", so 1 and true stay distinct.
    static func value(fromJSON json: Any) -> TemplateValue {
        switch json {
        case is NSNull:
            return .null
        case let number as NSNumber where !(json is String):
            if String(cString: number.objCType) == "c" {
                return .bool(number.boolValue)
            }
            return .string(format(number))
        case let text as String:
            return .string(text)
        case let list as [Any]:
            return .list(list.map(value(fromJSON:)))
        case let object as [String: Any]:
            return .object(object.mapValues(value(fromJSON:)))
        default:
            return .string("\(json)")
        }
    }

    /// Integers without a fraction ("85", also for 2.0), decimals in their shortest form ("1.21").
    static func format(_ number: NSNumber) -> String {
        let type = String(cString: number.objCType)
        guard type == "d" || type == "f" else { return number.stringValue }
        let double = number.doubleValue
        if double.rounded() == double, abs(double) < 1e15 {
            return String(Int64(double))
        }
        return "\(double)"
    }
}
