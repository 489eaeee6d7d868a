import Templating
import Testing

/// Runs every case of the official spec files; each case is its own test argument.
@Suite("Mustache spec")
struct SpecTests {
    /// The eight files hold 184 cases: comments 12, delimiters 14, interpolation 42, inverted 22,
    /// partials 12, sections 34, ~inheritance 27, ~dynamic-names 21.
    @Test("all 184 spec cases are found")
    func casesLoad() throws {
        let cases = try SpecCase.load()
        #expect(cases.count == 184)
        for file in SpecCase.files {
            #expect(cases.contains { $0.file == file }, "no cases read from \(file)")
        }
        #expect(SpecCase.all.count == cases.count)
    }

    @Test("spec case", arguments: SpecCase.all)
    func specCase(_ spec: SpecCase) throws {
        var templates = spec.partials
        templates[SpecCase.templateName] = spec.template
        let library = try TemplateLibrary(templates: templates, missingPartials: .renderEmpty)
        let actual = try library.render(SpecCase.templateName, spec.data)
        #expect(actual == spec.expected, Comment(rawValue: spec.report(actual: actual)))
    }

    @Test("JSON numbers and booleans convert as the spec expects")
    func jsonConversion() throws {
        let cases = try SpecCase.load()
        let decimal = try #require(cases.first { $0.name == "Basic Decimal Interpolation" })
        #expect(decimal.data == ["power": "1.21"])
        let integer = try #require(cases.first { $0.name == "Basic Integer Interpolation" })
        #expect(integer.data == ["mph": "85"])
        let truthy = try #require(cases.first { $0.file == "sections.json" && $0.name == "Truthy" })
        #expect(truthy.data == ["boolean": true])
        let repetition = try #require(cases.first { $0.name == "Dotted names - Context Stacking Under Repetition" })
        guard case .object(let members) = repetition.data else {
            Issue.record("data is not an object")
            return
        }
        #expect(members["section1"] == ["1", "2"])
    }
}
