import Templating
import Testing

/// Syntax and reference errors carry the file, line and column of the offending tag.
@Suite("Template errors")
struct TemplateErrorTests {
    /// Compiles a single template named "page" and returns the error it throws.
    private func compileError(
        _ text: String, others: [String: String] = [:], missing: TemplateLibrary.MissingPartials = .fail
    ) -> TemplateError? {
        var templates = others
        templates["page"] = text
        do {
            _ = try TemplateLibrary(templates: templates, missingPartials: missing)
            return nil
        } catch {
            return error
        }
    }

    private func expectError(
        _ text: String, line: Int, column: Int, containing fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = compileError(text) else {
            Issue.record("no error for \(text.debugDescription)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.file == "page", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func unclosedSectionPointsAtItsOpeningTag() {
        expectError("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n", line: 2, column: 3, containing: "section 'items' is never closed")
    }

    @Test func closingAnOuterSectionFirstIsAMismatch() {
        expectError(
            "{{#a}}\n{{#b}}{{/b}}\n x {{^c}}\n{{/a}}", line: 4, column: 1,
            containing: "closing tag 'a' does not match inverted section 'c' opened at line 3, column 4"
        )
    }

    @Test func unclosedInnermostSectionIsReported() {
        expectError("{{#a}}\n {{#b}}\n", line: 2, column: 2, containing: "section 'b' is never closed")
    }

    @Test func mismatchedCloseTagPointsAtTheCloseTag() {
        expectError("{{#outer}}\n  text {{/inner}}", line: 2, column: 8,
                    containing: "closing tag 'inner' does not match section 'outer' opened at line 1, column 1")
    }

    @Test func closeWithoutOpen() {
        expectError("a\nb{{/a}}", line: 2, column: 2, containing: "has no matching opening tag")
    }

    @Test func unclosedTag() {
        expectError("line one\nab {{name", line: 2, column: 4, containing: "unclosed tag")
        expectError("{{{raw}}", line: 1, column: 1, containing: "unclosed tag")
        expectError("x{{", line: 1, column: 2, containing: "unclosed tag")
    }

    @Test func badSetDelimiterTags() {
        expectError("ok\n {{=<% =}}", line: 2, column: 2, containing: "invalid set-delimiters tag")
        expectError("{{= a b c =}}", line: 1, column: 1, containing: "invalid set-delimiters tag")
        expectError("{{=a= b=}}", line: 1, column: 1, containing: "invalid set-delimiters tag")
    }

    @Test func errorsAfterDelimiterChangeUseTheNewDelimiterPosition() {
        expectError("{{=<% %>=}}\n  <%#list%>", line: 2, column: 3, containing: "section 'list' is never closed")
    }

    @Test func emptyNames() {
        expectError("x {{}}", line: 1, column: 3, containing: "empty tag name")
        expectError("{{# }}{{/ }}", line: 1, column: 1, containing: "empty tag name")
        expectError("{{>}}", line: 1, column: 1, containing: "empty tag name")
        expectError("{{>* }}", line: 1, column: 1, containing: "empty tag name")
    }

    @Test func namesWithInnerWhitespace() {
        expectError("{{first name}}", line: 1, column: 1, containing: "cannot contain whitespace")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "héllo 👍🏽 " is 8 characters but 16 bytes of UTF-8.
        expectError("héllo 👍🏽 {{#x}}", line: 1, column: 9, containing: "never closed")
    }

    @Test func missingStaticPartialFailsAtTheTag() throws {
        let error = try #require(compileError("Title\n  <p>{{> partials/missing }}</p>"))
        #expect(error.file == "page")
        #expect(error.line == 2)
        #expect(error.column == 6)
        #expect(error.message == "partial 'partials/missing' is not in the library")
        #expect(error.description == "page:2:6: partial 'partials/missing' is not in the library")
    }

    @Test func missingStaticParentFailsAtTheTag() throws {
        let error = try #require(compileError("{{!x}}\n\n\t{{<layout}}{{$a}}{{/a}}{{/layout}}"))
        #expect(error.line == 3)
        #expect(error.column == 2)
        #expect(error.message == "parent 'layout' is not in the library")
    }

    @Test func presentPartialsAndDynamicNamesDoNotFail() throws {
        #expect(compileError("{{>header}} {{>*dynamic}} {{<*layout}}{{/*layout}}", others: ["header": "h"]) == nil)
    }

    @Test func missingPartialsInsideIgnoredParentContentAreNotChecked() {
        #expect(compileError("{{<base}}{{#x}}{{>nowhere}}{{/x}}{{/base}}", others: ["base": "b"]) == nil)
    }

    @Test func renderEmptyAcceptsMissingPartials() {
        #expect(compileError("{{>missing}}{{<gone}}{{/gone}}", missing: .renderEmpty) == nil)
    }

    @Test func renderingAnUnknownTemplate() throws {
        let library = try TemplateLibrary(templates: ["a": "x"])
        #expect(throws: TemplateError(file: "nope", line: 1, column: 1, message: "no template named 'nope' in the library")) {
            try library.render("nope", nil)
        }
    }

    @Test func deeplyNestedSectionsAreRejected() {
        let depth = 300
        let text = String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
        guard let error = compileError(text) else {
            Issue.record("no error")
            return
        }
        #expect(error.line == 1)
        #expect(error.column == 256 * 6 + 1)
        #expect(error.message.contains("nested more than 256 deep"))
    }
}
