import Foundation
import Templating
import Testing

/// Loading a template tree from disk: names, subfolders, byte exactness and file errors.
@Suite("Directory loading")
struct DirectoryLoadingTests {
    /// A fresh directory holding `files` (relative path → bytes), removed after `body`.
    private func withDirectory(
        _ files: [String: [UInt8]], _ body: (String) throws -> Void
    ) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("templating-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, bytes) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try body(root.path)
    }

    @Test func loadsSubfolderPartialsByRelativeName() throws {
        try withDirectory([
            "page.mustache": Array("{{> partials/header}}\n<p>{{body}}</p>\n".utf8),
            "partials/header.mustache": Array("<h1>{{title}}</h1>\n".utf8),
            "partials/deeper/footer.mustache": Array("bye".utf8),
            "notes.txt": Array("not a template".utf8),
            "partials/readme.md": Array("{{#broken".utf8),
        ]) { (directory: String) throws in
            let library = try TemplateLibrary(directory: directory)
            #expect(library.names == ["page", "partials/deeper/footer", "partials/header"])
            #expect(try library.render("page", ["title": "T", "body": "B"]) == "<h1>T</h1>\n<p>B</p>\n")
            #expect(try library.render("partials/deeper/footer", nil) == "bye")
        }
    }

    @Test func trailingSlashInDirectoryIsAccepted() throws {
        try withDirectory(["a.mustache": Array("A".utf8)]) { (directory: String) throws in
            #expect(try TemplateLibrary(directory: directory + "/").names == ["a"])
        }
    }

    @Test func readsBytesExactly() throws {
        let text = "line one\r\nline two\n\n  last line without newline"
        try withDirectory(["exact.mustache": Array(text.utf8)]) { (directory: String) throws in
            #expect(try TemplateLibrary(directory: directory).render("exact", nil) == text)
        }
    }

    @Test func missingPartialReportsTheFilePathAndPosition() throws {
        try withDirectory([
            "pages/home.mustache": Array("<main>\n  {{> partials/nav}}\n</main>\n".utf8),
        ]) { (directory: String) throws in
            #expect {
                try TemplateLibrary(directory: directory)
            } throws: { error in
                guard let error = error as? TemplateError else { return false }
                return error.file == directory + "/pages/home.mustache" && error.line == 2 && error.column == 3
                    && error.message == "partial 'partials/nav' is not in the library"
            }
            let lenient = try TemplateLibrary(directory: directory, missingPartials: .renderEmpty)
            #expect(try lenient.render("pages/home", nil) == "<main>\n</main>\n")
        }
    }

    @Test func syntaxErrorsNameTheFile() throws {
        try withDirectory(["bad.mustache": Array("ok\nok {{#open}}\n".utf8)]) { (directory: String) throws in
            #expect(throws: TemplateError(
                file: directory + "/bad.mustache", line: 2, column: 4, message: "section 'open' is never closed"
            )) {
                try TemplateLibrary(directory: directory)
            }
        }
    }

    @Test func invalidUTF8IsAnErrorAtTheBadByte() throws {
        let bytes = Array("fine\nab".utf8) + [0xC3, 0x28] + Array(" rest".utf8)
        try withDirectory(["latin1.mustache": bytes]) { (directory: String) throws in
            #expect(throws: TemplateError(
                file: directory + "/latin1.mustache", line: 2, column: 3, message: "file is not valid UTF-8"
            )) {
                try TemplateLibrary(directory: directory)
            }
        }
    }

    @Test func missingDirectoryIsAnError() {
        #expect {
            try TemplateLibrary(directory: "/nonexistent/templating-test-dir")
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.file == "/nonexistent/templating-test-dir" && error.line == 1 && error.column == 1
                && error.message.hasPrefix("cannot")
        }
    }
}
