/// What a tag does, decided by the sigil after the opening delimiter.
enum TagKind: Equatable {
    case variable(escaped: Bool)
    case section
    case inverted
    case close
    case comment
    case partial
    case parent
    case block
    case delimiters

    /// Tags that open a region closed by `{{/name}}`.
    var opensRegion: Bool {
        switch self {
        case .section, .inverted, .parent, .block: true
        default: false
        }
    }
}

/// One tag as scanned: its kind and its trimmed name.
struct Tag {
    var kind: TagKind
    /// Content without sigil and padding; for dynamic names, without the asterisk.
    var name: String
    /// `{{>*name}}`, `{{<*name}}` and the matching `{{/*name}}`.
    var isDynamic: Bool

    /// What an opening tag and its closing tag must agree on.
    var matchKey: String { isDynamic ? "*" + name : name }
}

/// A piece of a template in source order. Text never contains a line break: each line ending is
/// its own token, which is what the standalone-line rules work on.
struct Token {
    enum Kind {
        case text
        case newline
        case tag(Tag)
    }

    var kind: Kind
    /// First byte. For text, block re-indentation may move it forward; for a tag, it is the
    /// opening delimiter, which errors point at.
    var start: Int
    /// One past the last byte.
    var end: Int

    var tag: Tag? {
        if case .tag(let tag) = kind { return tag }
        return nil
    }

    var isNewline: Bool {
        if case .newline = kind { return true }
        return false
    }

    var isText: Bool {
        if case .text = kind { return true }
        return false
    }
}
