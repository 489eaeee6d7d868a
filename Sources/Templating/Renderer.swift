/// Walks compiled templates and appends their output to one byte buffer.
///
/// A renderer lives for one `render` call and owns its state, so it needs no locking while the
/// compiled templates it reads are shared by every thread.
struct Renderer {
    /// Partials and parents nested deeper than this render nothing: data that recurses forever
    /// (or a template that includes itself unconditionally) ends the output instead of the process.
    static let maximumIncludeDepth = 200
    /// Sections, blocks and includes nested deeper than this render nothing. Bounds stack use:
    /// at this depth a release build needs roughly 300 KB of stack (a debug build about 1.2 MB).
    static let maximumNesting = 1_000

    private let templates: [CompiledTemplate]
    private let indexByName: [String: Int]
    private let output: OutputBuffer
    /// `false` for plain text, where `{{name}}` writes values as they are.
    private let escapes: Bool
    private var context: ContextStack
    /// Prepended to each template line while standalone partials, parents or blocks are expanded.
    private var indentation: [UInt8] = []
    /// Whether output stands at the start of a template line, where indentation goes. Values from
    /// the data never count as template lines, so their own line breaks are not indented.
    private var atLineStart = true
    private var includeDepth = 0
    private var nesting = 0
    /// Arguments of the parent tags being expanded, outermost first: the outermost override wins.
    private var overrides: [[String: [Node]]] = []

    static func render(
        _ index: Int, templates: [CompiledTemplate], indexByName: [String: Int], context: TemplateValue, escapes: Bool = true
    ) -> String {
        var renderer = Renderer(
            templates: templates, indexByName: indexByName, context: ContextStack(context),
            output: OutputBuffer(capacity: max(1_024, templates[index].sourceSize * 2)), escapes: escapes
        )
        renderer.render(templates[index].nodes)
        return renderer.output.makeString()
    }

    private init(
        templates: [CompiledTemplate], indexByName: [String: Int], context: ContextStack, output: OutputBuffer, escapes: Bool
    ) {
        self.templates = templates
        self.indexByName = indexByName
        self.context = context
        self.output = output
        self.escapes = escapes
    }

    private mutating func render(_ nodes: [Node]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                emitText(bytes)
            case .variable(let path, let escaped):
                emitValue(context.resolve(path), escaped: escaped)
            case .section(let path, let body):
                renderSection(context.resolve(path), body)
            case .inverted(let path, let body):
                if !context.resolve(path).isTruthy { renderNested(body) }
            case .partial(let include):
                renderInclude(include, arguments: nil)
            case .parent(let include, let arguments):
                renderInclude(include, arguments: arguments)
            case .block(let block):
                renderBlock(block)
            }
        }
    }

    private mutating func renderNested(_ body: [Node]) {
        guard nesting < Self.maximumNesting else { return }
        nesting += 1
        render(body)
        nesting -= 1
    }

    private mutating func renderSection(_ value: TemplateValue, _ body: [Node]) {
        switch value {
        case .null, .bool(false):
            return
        case .list(let items):
            for item in items {
                context.push(item)
                renderNested(body)
                context.pop()
            }
        case .bool(true), .string, .object:
            context.push(value)
            renderNested(body)
            context.pop()
        }
    }

    private mutating func renderInclude(_ include: Include, arguments: [String: [Node]]?) {
        let index: Int
        switch include.target {
        case .fixed(let fixed):
            guard let fixed else { return }
            index = fixed
        case .dynamic(let path):
            guard case .string(let name) = context.resolve(path), let found = indexByName[name] else { return }
            index = found
        }
        guard includeDepth < Self.maximumIncludeDepth, nesting < Self.maximumNesting else { return }
        includeDepth += 1
        nesting += 1
        let outerIndentation = indentation
        if !include.indentation.isEmpty { indentation.append(contentsOf: include.indentation) }
        if let arguments { overrides.append(arguments) }
        render(templates[index].nodes)
        if arguments != nil { overrides.removeLast() }
        indentation = outerIndentation
        nesting -= 1
        includeDepth -= 1
    }

    /// An override is rendered with the overrides that were in force where it was written (those
    /// of outer parent tags), and re-indented for the place it lands in.
    private mutating func renderBlock(_ block: Block) {
        for level in overrides.indices {
            guard let body = overrides[level][block.name] else { continue }
            let outerOverrides = overrides
            let outerIndentation = indentation
            overrides.removeSubrange(level...)
            if !block.indentation.isEmpty { indentation.append(contentsOf: block.indentation) }
            renderNested(body)
            overrides = outerOverrides
            indentation = outerIndentation
            return
        }
        renderNested(block.defaultBody)
    }

    /// Writes one line (or the start or end of one) of template text; compiled text never spans
    /// a line break, so indentation only has to be considered before the first byte.
    private mutating func emitText(_ bytes: [UInt8]) {
        if atLineStart && !indentation.isEmpty && !Self.isEmptyLine(bytes) {
            output.append(indentation)
        }
        output.append(bytes)
        atLineStart = bytes.last == ASCII.newline
    }

    /// Empty lines stay empty instead of getting trailing whitespace.
    private static func isEmptyLine(_ bytes: [UInt8]) -> Bool {
        switch bytes.count {
        case 1: bytes[0] == ASCII.newline
        case 2: bytes[0] == ASCII.carriageReturn && bytes[1] == ASCII.newline
        default: false
        }
    }

    private mutating func emitValue(_ value: TemplateValue, escaped: Bool) {
        let text = value.interpolatedText
        guard !text.isEmpty else { return }
        if atLineStart && !indentation.isEmpty {
            output.append(indentation)
        }
        atLineStart = false
        if escaped && escapes {
            Escaping.appendEscaped(text, to: output)
        } else {
            Escaping.appendRaw(text, to: output)
        }
    }
}
