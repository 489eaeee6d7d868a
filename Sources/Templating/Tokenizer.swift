/// Splits a template into text, line endings and tags, following set-delimiter tags as it goes.
///
/// Every template starts with `{{` `}}`; a delimiter change never leaks into partials because
/// each template is tokenized on its own.
struct Tokenizer {
    private let source: SourceText
    private var opening: [UInt8] = Array("{{".utf8)
    private var closing: [UInt8] = Array("}}".utf8)
    private var tokens: [Token] = []

    init(_ source: SourceText) {
        self.source = source
    }

    static func tokenize(_ source: SourceText) throws(TemplateError) -> [Token] {
        var tokenizer = Tokenizer(source)
        try tokenizer.run()
        return tokenizer.tokens
    }

    private var bytes: [UInt8] { source.bytes }

    private mutating func run() throws(TemplateError) {
        let count = bytes.count
        var textStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.newline {
                let hasReturn = index > textStart && bytes[index - 1] == ASCII.carriageReturn
                let lineEnd = hasReturn ? index - 1 : index
                appendText(textStart, lineEnd)
                tokens.append(Token(kind: .newline, start: lineEnd, end: index + 1))
                index += 1
                textStart = index
            } else if byte == opening[0] && matches(opening, at: index) {
                appendText(textStart, index)
                index = try scanTag(at: index)
                textStart = index
            } else {
                index += 1
            }
        }
        appendText(textStart, count)
    }

    private mutating func appendText(_ start: Int, _ end: Int) {
        if start < end {
            tokens.append(Token(kind: .text, start: start, end: end))
        }
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for offset in 0..<delimiter.count where bytes[index + offset] != delimiter[offset] {
            return false
        }
        return true
    }

    /// First index at or after `from` where `prefix` (if any) followed by the closing delimiter starts.
    private func find(closingAfter prefix: UInt8?, from: Int) -> Int? {
        let needed = closing.count + (prefix == nil ? 0 : 1)
        var index = from
        while index + needed <= bytes.count {
            if let prefix {
                if bytes[index] == prefix && matches(closing, at: index + 1) { return index }
            } else if matches(closing, at: index) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Scans the tag whose opening delimiter is at `start`; returns the index after it.
    private mutating func scanTag(at start: Int) throws(TemplateError) -> Int {
        let contentStart = start + opening.count
        let sigil: UInt8? = contentStart < bytes.count ? bytes[contentStart] : nil
        let kind: TagKind
        var prefix: UInt8? = nil
        var nameStart = contentStart + 1
        switch sigil {
        case UInt8(ascii: "{"): kind = .variable(escaped: false); prefix = UInt8(ascii: "}")
        case UInt8(ascii: "&"): kind = .variable(escaped: false)
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "="): kind = .delimiters; prefix = UInt8(ascii: "=")
        default: kind = .variable(escaped: true); nameStart = contentStart
        }
        guard let contentEnd = find(closingAfter: prefix, from: min(nameStart, bytes.count)) else {
            throw source.error(at: start, "unclosed tag: no closing \(closingDescription(prefix)) found")
        }
        let end = contentEnd + (prefix == nil ? 0 : 1) + closing.count
        let content = source.string(nameStart..<contentEnd)
        switch kind {
        case .comment:
            tokens.append(Token(kind: .tag(Tag(kind: .comment, name: "", isDynamic: false)), start: start, end: end))
        case .delimiters:
            try changeDelimiters(content, tagStart: start)
            tokens.append(Token(kind: .tag(Tag(kind: .delimiters, name: "", isDynamic: false)), start: start, end: end))
        default:
            let tag = try makeTag(kind, content: content, tagStart: start)
            tokens.append(Token(kind: .tag(tag), start: start, end: end))
        }
        return end
    }

    private func closingDescription(_ prefix: UInt8?) -> String {
        let delimiter = String(decoding: closing, as: UTF8.self)
        guard let prefix else { return "'\(delimiter)'" }
        return "'\(Character(Unicode.Scalar(prefix)))\(delimiter)'"
    }

    private func makeTag(_ kind: TagKind, content: String, tagStart: Int) throws(TemplateError) -> Tag {
        var name = Self.trimmed(content)
        var isDynamic = false
        if kind == .partial || kind == .parent || kind == .close, name.first == "*" {
            isDynamic = true
            name = Self.trimmed(String(name.dropFirst()))
        }
        guard !name.isEmpty else {
            throw source.error(at: tagStart, "empty tag name")
        }
        if name.utf8.contains(where: ASCII.isTagSpace) {
            throw source.error(at: tagStart, "invalid tag name '\(name)': names cannot contain whitespace")
        }
        return Tag(kind: kind, name: name, isDynamic: isDynamic)
    }

    /// Applies `{{=<% %>=}}`: two new delimiters, separated by whitespace, without whitespace or `=`.
    private mutating func changeDelimiters(_ content: String, tagStart: Int) throws(TemplateError) {
        let parts = content.utf8.split(whereSeparator: ASCII.isTagSpace)
        guard parts.count == 2, !parts[0].contains(UInt8(ascii: "=")), !parts[1].contains(UInt8(ascii: "=")) else {
            throw source.error(at: tagStart, "invalid set-delimiters tag: expected two delimiters such as {{=<% %>=}}")
        }
        opening = Array(parts[0])
        closing = Array(parts[1])
    }

    static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !ASCII.isTagSpace($0) }),
              let last = bytes.lastIndex(where: { !ASCII.isTagSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
