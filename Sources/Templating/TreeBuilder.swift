/// Turns the token stream, with whitespace rules applied, into the `Node` tree.
struct TreeBuilder {
    /// What the library knows when a template is compiled: every template's name and index.
    struct Names {
        var indexByName: [String: Int]
        var failOnMissing: Bool
    }

    private enum FrameKind {
        case root, section, inverted, block, argument, parent, ignored
    }

    private struct Frame {
        var kind: FrameKind
        var opener: Int
        var nodes: [Node] = []
        var text: [UInt8] = []
        var arguments: [String: [Node]] = [:]

        /// Emits pending text as one node per line (each ending at its line break), so that
        /// rendering can indent lines without scanning bytes.
        mutating func flush() {
            guard !text.isEmpty else { return }
            var lineStart = 0
            for index in text.indices where text[index] == ASCII.newline {
                nodes.append(.text(Array(text[lineStart...index])))
                lineStart = index + 1
            }
            if lineStart < text.count {
                nodes.append(.text(Array(text[lineStart...])))
            }
            text = []
        }
    }

    private let tokens: [Token]
    private let lines: StandaloneLines
    private let source: SourceText
    private let names: Names
    private var frames: [Frame] = [Frame(kind: .root, opener: -1)]

    static func build(
        tokens: [Token], lines: StandaloneLines, source: SourceText, names: Names
    ) throws(TemplateError) -> [Node] {
        var builder = TreeBuilder(tokens: tokens, lines: lines, source: source, names: names)
        for index in tokens.indices {
            try builder.add(index)
        }
        builder.frames[0].flush()
        return builder.frames[0].nodes
    }

    private init(tokens: [Token], lines: StandaloneLines, source: SourceText, names: Names) {
        self.tokens = tokens
        self.lines = lines
        self.source = source
        self.names = names
    }

    private var current: FrameKind { frames[frames.count - 1].kind }

    private mutating func add(_ index: Int) throws(TemplateError) {
        let token = tokens[index]
        guard let tag = token.tag else {
            if !lines.removed[index] && current != .parent && current != .ignored {
                frames[frames.count - 1].text.append(contentsOf: source.bytes[token.start..<token.end])
            }
            return
        }
        if current == .parent || current == .ignored {
            try addInsideParent(tag, index)
            return
        }
        switch tag.kind {
        case .comment, .delimiters:
            return
        case .variable(let escaped):
            append(.variable(Path(tag.name), escaped: escaped))
        case .partial:
            let include = try makeInclude(tag, index)
            append(.partial(include))
        case .section: open(.section, index)
        case .inverted: open(.inverted, index)
        case .block: open(.block, index)
        case .parent: open(.parent, index)
        case .close: try close()
        }
    }

    /// Inside a parent tag pair only blocks are kept; other regions are tracked so they close properly.
    private mutating func addInsideParent(_ tag: Tag, _ index: Int) throws(TemplateError) {
        if tag.kind == .close {
            if current == .parent {
                try close()
            } else {
                frames.removeLast()
            }
        } else if tag.kind == .block && current == .parent {
            open(.argument, index)
        } else if tag.kind.opensRegion {
            open(.ignored, index)
        }
    }

    private mutating func append(_ node: Node) {
        frames[frames.count - 1].flush()
        frames[frames.count - 1].nodes.append(node)
    }

    private mutating func open(_ kind: FrameKind, _ index: Int) {
        frames[frames.count - 1].flush()
        frames.append(Frame(kind: kind, opener: index))
    }

    private mutating func close() throws(TemplateError) {
        var frame = frames.removeLast()
        frame.flush()
        guard let tag = tokens[frame.opener].tag else { return }
        switch frame.kind {
        case .section:
            append(.section(Path(tag.name), body: frame.nodes))
        case .inverted:
            append(.inverted(Path(tag.name), body: frame.nodes))
        case .block:
            let indentation = lines.indentation[frame.opener] ?? []
            append(.block(Block(name: tag.name, defaultBody: frame.nodes, indentation: indentation)))
        case .argument:
            // The first definition of a name wins, like the first matching key in a context.
            if frames[frames.count - 1].arguments[tag.name] == nil {
                frames[frames.count - 1].arguments[tag.name] = frame.nodes
            }
        case .parent:
            let include = try makeInclude(tag, frame.opener)
            append(.parent(include, arguments: frame.arguments))
        case .root, .ignored:
            break
        }
    }

    private func makeInclude(_ tag: Tag, _ index: Int) throws(TemplateError) -> Include {
        let indentation = lines.indentation[index] ?? []
        if tag.isDynamic {
            return Include(target: .dynamic(Path(tag.name)), indentation: indentation)
        }
        let target = names.indexByName[tag.name]
        if target == nil && names.failOnMissing {
            let what = tag.kind == .parent ? "parent" : "partial"
            throw source.error(at: tokens[index].start, "\(what) '\(tag.name)' is not in the library")
        }
        return Include(target: .fixed(target), indentation: indentation)
    }
}
