/// The compiled form of a template: a tree built once at load time and walked by `Renderer`.
///
/// Whitespace rules (standalone lines, block re-indentation) are already applied here, so rendering
/// only appends bytes and looks up values.
enum Node: Sendable {
    /// Literal template text, UTF-8, at most one line: a line break only ever ends it.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(Path, escaped: Bool)
    /// `{{#name}}…{{/name}}`.
    case section(Path, body: [Node])
    /// `{{^name}}…{{/name}}`.
    case inverted(Path, body: [Node])
    /// `{{> name}}` or `{{>* name}}`.
    case partial(Include)
    /// `{{< name}}…{{/name}}`: a partial whose blocks the arguments override.
    case parent(Include, arguments: [String: [Node]])
    /// `{{$ name}}…{{/name}}` outside a parent tag: a place a caller may override.
    case block(Block)
}

/// A dotted name as written in a tag, split once at load time.
enum Path: Sendable, Equatable {
    /// `{{.}}`: the top of the context stack.
    case implicit
    /// `{{name}}`: looked up through the whole context stack.
    case name(String)
    /// `{{a.b.c}}`: `a` through the stack, then `b` and `c` only inside what `a` found.
    case dotted(first: String, rest: [String])

    init(_ text: String) {
        if text == "." {
            self = .implicit
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            self = .name(text)
        } else {
            self = .dotted(first: parts[0], rest: Array(parts.dropFirst()))
        }
    }
}

/// Which template a partial or parent tag expands, and how to indent it.
struct Include: Sendable {
    enum Target: Sendable {
        /// Resolved at load time; `nil` when the name is missing and the library renders it empty.
        case fixed(Int?)
        /// `{{>*path}}`: the template name is the string found at `path` when rendering.
        case dynamic(Path)
    }

    var target: Target
    /// Whitespace that preceded a standalone tag; prepended to every line of the included template.
    var indentation: [UInt8]
}

/// A block as it appears in a template that can be overridden.
struct Block: Sendable {
    var name: String
    /// Rendered when no caller overrides the block.
    var defaultBody: [Node]
    /// Added to the current indentation while an override is rendered in this place: the block's
    /// intrinsic indentation when its opening tag is standalone, the whitespace before the tags when
    /// both tags share one otherwise blank line, and nothing when the block sits inside a line.
    var indentation: [UInt8]
}

/// One template of a library, ready to render.
struct CompiledTemplate: Sendable {
    var name: String
    var nodes: [Node]
    /// Size of the source, used to reserve output capacity.
    var sourceSize: Int
}
