import Templating
import Testing

/// Behaviour beyond the spec files: escaping, value semantics, limits and the library API.
@Suite("Rendering")
struct RenderingTests {
    private func render(
        _ text: String, _ context: TemplateValue = nil, partials: [String: String] = [:],
        missing: TemplateLibrary.MissingPartials = .fail
    ) throws -> String {
        var templates = partials
        templates["main"] = text
        return try TemplateLibrary(templates: templates, missingPartials: missing).render("main", context)
    }

    @Test func escapesAllFiveCharacters() throws {
        let value: TemplateValue = ["v": "<a href=\"x\" title='y'>&</a>"]
        #expect(try render("{{v}}", value) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(try render("{{{v}}}|{{& v}}", value) == "<a href=\"x\" title='y'>&</a>|<a href=\"x\" title='y'>&</a>")
        #expect(try render("{{v}}", ["v": "plain ünïcödé 👍🏽"]) == "plain ünïcödé 👍🏽")
    }

    @Test func numericPartsIndexLists() throws {
        let value: TemplateValue = ["items": ["a", "b"], "none": []]
        #expect(try render("{{items.0}}{{items.1}}{{items.2}}|{{#items.0}}some{{/items.0}}{{^none.0}}empty{{/none.0}}", value) == "ab|someempty")
        #expect(try render("{{items.-1}}{{items.x}}", value) == "")
    }

    @Test func truthiness() throws {
        let template = "{{#v}}yes{{/v}}{{^v}}no{{/v}}"
        #expect(try render(template, ["v": nil]) == "no")
        #expect(try render(template, ["v": false]) == "no")
        #expect(try render(template, ["v": []]) == "no")
        #expect(try render(template, [:]) == "no")
        #expect(try render(template, ["v": true]) == "yes")
        #expect(try render(template, ["v": ""]) == "yes")
        #expect(try render(template, ["v": "0"]) == "yes")
        #expect(try render(template, ["v": [:]]) == "yes")
        #expect(try render(template, ["v": ["x"]]) == "yes")
    }

    @Test func interpolationOfNonStrings() throws {
        #expect(try render("[{{a}}|{{b}}|{{c}}|{{d}}|{{e}}]", ["a": true, "b": false, "c": nil, "d": ["x"], "e": ["k": "v"]])
            == "[true|false|||]")
    }

    @Test func sectionsPushObjectsAndStrings() throws {
        let data: TemplateValue = ["user": ["name": "Ann", "tags": ["a", "b"]], "name": "outer"]
        #expect(try render("{{#user}}{{name}}:{{#tags}}<{{.}}>{{/tags}}{{/user}} {{name}}", data) == "Ann:<a><b> outer")
        #expect(try render("{{#user.name}}{{.}}!{{/user.name}}", data) == "Ann!")
    }

    @Test func literalsBuildTheExpectedValues() {
        let value: TemplateValue = ["s": "x", "b": true, "l": ["y", nil], "o": ["k": false]]
        #expect(value == .object([
            "s": .string("x"), "b": .bool(true), "l": .list([.string("y"), .null]), "o": .object(["k": .bool(false)]),
        ]))
    }

    @Test func renderEmptyRendersMissingPartialsAsNothing() throws {
        #expect(try render("[{{>missing}}]\n  {{>missing}}\n[{{<gone}}{{$b}}x{{/b}}{{/gone}}]", missing: .renderEmpty) == "[]\n[]")
    }

    @Test func dynamicNamesMissAtRenderTime() throws {
        #expect(try render("[{{>*which}}]", ["which": "nowhere"]) == "[]")
        #expect(try render("[{{>*which}}]", ["which": "p"], partials: ["p": "P"]) == "[P]")
        #expect(try render("[{{<*which}}{{$b}}B{{/b}}{{/*which}}]", ["which": "p"], partials: ["p": "({{$b}}{{/b}})"]) == "[(B)]")
    }

    @Test func recursiveDataStopsAtTheIncludeLimit() throws {
        var data: TemplateValue = ["name": "leaf"]
        for level in 0..<1_000 {
            data = ["name": .string("n\(level)"), "child": data]
        }
        let output = try render("{{>node}}", data, partials: ["node": "{{#child}}<{{>node}}>{{/child}}"])
        // The top template plus 200 nested includes, then nothing further.
        #expect(output.filter { $0 == "<" }.count == 200)
        #expect(output.filter { $0 == ">" }.count == 200)
    }

    @Test func unconditionalSelfInclusionStops() throws {
        let output = try render("{{>loop}}", partials: ["loop": "x{{>loop}}", "other": "{{<other}}{{/other}}"])
        #expect(output == String(repeating: "x", count: 200))
        let library = try TemplateLibrary(templates: ["a": "{{$b}}{{<a}}{{/a}}{{/b}}-"])
        #expect(try library.render("a", nil).count == 201)
    }

    @Test func indentationCompoundsThroughNestedStandalonePartials() throws {
        let partials = ["outer": "<div>\n  {{>inner}}\n</div>\n", "inner": "<p>\n  {{text}}\n</p>\n"]
        let output = try render("<body>\n  {{>outer}}\n</body>\n", ["text": "a\nb"], partials: partials)
        #expect(output == "<body>\n  <div>\n    <p>\n      a\nb\n    </p>\n  </div>\n</body>\n")
    }

    @Test func everyRepetitionOfAnIndentedSectionIsIndented() throws {
        let output = try render("<ul>\n  {{>items}}\n</ul>", ["items": ["a", "b"]], partials: [
            "items": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n",
        ])
        #expect(output == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>")
    }

    @Test func emptyLinesOfIndentedPartialsStayEmpty() throws {
        #expect(try render("  {{>p}}", partials: ["p": "a\n\nb\r\n\r\nc"]) == "  a\n\n  b\r\n\r\n  c")
    }

    @Test func inlinePartialsContinueTheCurrentIndentation() throws {
        let output = try render("  {{>outer}}\n", partials: ["outer": "a {{>inner}} z\n", "inner": "1\n2"])
        #expect(output == "  a 1\n  2 z\n")
    }

    @Test func layoutInheritance() throws {
        let partials = [
            "layout": "<html>\n  <head><title>{{$title}}Site{{/title}}</title></head>\n  <body>\n    {{$body}}\n    {{/body}}\n  </body>\n</html>\n",
        ]
        let page = "{{<layout}}\n{{$title}}{{name}}{{/title}}\n{{$body}}\n<h1>{{name}}</h1>\n"
            + "{{#items}}\n<p>{{.}}</p>\n{{/items}}\n{{/body}}\n{{/layout}}\n"
        let output = try render(page, ["name": "Budget", "items": ["x", "y"]], partials: partials)
        #expect(output == "<html>\n  <head><title>Budget</title></head>\n  <body>\n"
                + "    <h1>Budget</h1>\n    <p>x</p>\n    <p>y</p>\n  </body>\n</html>\n")
    }

    @Test func indentedParentTagPairSpanningLines() throws {
        let page = "<body>\n  {{<card}}\n    {{$title}}T{{/title}}\n  {{/card}}\n</body>\n"
        let output = try render(page, partials: ["card": "<div>\n  <h2>{{$title}}{{/title}}</h2>\n</div>\n"])
        #expect(output == "<body>\n  <div>\n    <h2>T</h2>\n  </div>\n</body>\n")
    }

    @Test func firstArgumentOfARepeatedNameWins() throws {
        #expect(try render("{{<p}}{{$a}}1{{/a}}{{$a}}2{{/a}}{{/p}}", partials: ["p": "[{{$a}}0{{/a}}]"]) == "[1]")
    }

    @Test func libraryNamesAreSortedAndQueryable() throws {
        let library = try TemplateLibrary(templates: ["b": "", "a/c": "", "a": ""])
        #expect(library.names == ["a", "a/c", "b"])
        #expect(library.contains("a/c"))
        #expect(!library.contains("c"))
    }

    @Test func concurrentRenderingSharesOneLibrary() async throws {
        let library = try TemplateLibrary(templates: ["row": "{{#rows}}<{{id}}>{{/rows}}"])
        let rows = TemplateValue.list((0..<100).map { ["id": .string("\($0)")] })
        let expected = (0..<100).map { "<\($0)>" }.joined()
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { try library.render("row", ["rows": rows]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }
}
