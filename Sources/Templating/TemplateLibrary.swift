/// All templates of a directory (or an in-memory set), parsed once into a compiled form; rendering
/// never re-parses. Sendable and immutable, shared by all worker threads.
///
/// Compiling everything up front means a typo in any template fails at startup, with its position,
/// rather than on the first request that happens to reach it.
public struct TemplateLibrary: Sendable {
    /// How references to partials/parents that do not exist are treated.
    public enum MissingPartials: Sendable {
        /// The spec's rule: a missing partial or parent renders as nothing.
        case renderEmpty
        /// A static `{{> name}}` or `{{< name}}` naming no template is a load-time error at the tag.
        /// Dynamic names (`{{>*name}}`) still render empty when missing, as the spec says.
        case fail
    }

    private let templates: [CompiledTemplate]
    private let indexByName: [String: Int]

    /// Every template name, sorted.
    public let names: [String]

    /// Loads every `*.mustache` file under `directory`, recursively; a template's name is its path
    /// relative to `directory` without the extension, with `/` separators (e.g. "partials/header").
    /// With `.fail`, every STATIC partial or parent name (`{{> x}}`, `{{< x}}`) that is not in the
    /// library is an error at load time, reported at the position of the tag. Dynamic names
    /// (`{{>*x}}`) are resolved at render time and render empty when missing, as the spec says.
    ///
    /// Errors name the file by its path (`directory` joined with the relative path), so they can be
    /// opened directly. Files are read byte for byte and must be valid UTF-8.
    public init(directory: String, missingPartials: MissingPartials = .fail) throws(TemplateError) {
        try self.init(sources: try DirectoryLoader.load(directory), missingPartials: missingPartials)
    }

    /// Same from memory: name → template text (used by tests and the spec runner). Errors name the
    /// template by its name.
    public init(templates: [String: String], missingPartials: MissingPartials = .fail) throws(TemplateError) {
        let sources = templates.map { name, text in
            (name: name, source: SourceText(file: name, bytes: Array(text.utf8)))
        }
        try self.init(sources: sources, missingPartials: missingPartials)
    }

    private init(
        sources: [(name: String, source: SourceText)], missingPartials: MissingPartials
    ) throws(TemplateError) {
        let sorted = sources.sorted { $0.name < $1.name }
        var indexByName: [String: Int] = [:]
        for (index, entry) in sorted.enumerated() {
            indexByName[entry.name] = index
        }
        let names = TreeBuilder.Names(indexByName: indexByName, failOnMissing: missingPartials == .fail)
        var templates: [CompiledTemplate] = []
        templates.reserveCapacity(sorted.count)
        for entry in sorted {
            let nodes = try Parser.compile(entry.source, names: names)
            templates.append(CompiledTemplate(name: entry.name, nodes: nodes, sourceSize: entry.source.bytes.count))
        }
        self.templates = templates
        self.indexByName = indexByName
        self.names = sorted.map(\.name)
    }

    /// Whether a template of that name was loaded.
    public func contains(_ name: String) -> Bool {
        indexByName[name] != nil
    }

    /// What `{{name}}` escapes for.
    public enum Output: Sendable {
        /// HTML: `& < > " '` become entities (the Mustache default).
        case html
        /// Plain text (an e-mail's text part): values are written as they are.
        case plainText
    }

    /// Renders template `name` with `context`. Throws a TemplateError (file = name, line 1, column 1)
    /// only if `name` itself is not in the library; everything else was checked at load time, and
    /// missing data simply renders as nothing.
    public func render(_ name: String, _ context: TemplateValue, as output: Output = .html) throws(TemplateError) -> String {
        guard let index = indexByName[name] else {
            throw TemplateError(file: name, line: 1, column: 1, message: "no template named '\(name)' in the library")
        }
        return Renderer.render(index, templates: templates, indexByName: indexByName, context: context, escapes: output == .html)
    }
}
