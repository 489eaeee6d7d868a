/// Matches opening and closing tags and works out which tags sit inside parent tags.
///
/// Inside `{{<parent}}…{{/parent}}` only blocks matter (they are the arguments); everything else
/// there is parsed, so mistakes are still reported, but then ignored.
struct TagStructure {
    /// Where a tag stands relative to parent tags.
    enum Role: Equatable {
        /// Rendered where it stands.
        case regular
        /// A block directly inside a parent tag pair, overriding the parent's block of that name.
        case argument
        /// Anything else inside a parent tag pair, including everything inside ignored sections there.
        case ignored
    }

    /// For an opening or closing tag, the index of its counterpart; -1 otherwise.
    private(set) var partner: [Int]
    private(set) var role: [Role]

    /// Deeper nesting is almost certainly a mistake, and keeps compiled trees shallow enough that
    /// walking them can never exhaust the stack.
    static let maximumNesting = 256

    init(tokens: [Token], source: SourceText) throws(TemplateError) {
        partner = Array(repeating: -1, count: tokens.count)
        role = Array(repeating: .regular, count: tokens.count)
        var open: [(index: Int, tag: Tag)] = []

        for (index, token) in tokens.enumerated() {
            guard let tag = token.tag else {
                role[index] = Self.role(inside: open.last.map { ($0.tag.kind, role[$0.index]) }, kind: nil)
                continue
            }
            if tag.kind == .close {
                guard let last = open.popLast() else {
                    throw source.error(at: token.start, "closing tag '\(tag.matchKey)' has no matching opening tag")
                }
                guard last.tag.matchKey == tag.matchKey else {
                    let (line, column) = source.location(of: tokens[last.index].start)
                    throw source.error(
                        at: token.start,
                        "closing tag '\(tag.matchKey)' does not match \(Self.describe(last.tag)) opened at line \(line), column \(column)"
                    )
                }
                partner[index] = last.index
                partner[last.index] = index
                role[index] = role[last.index]
                continue
            }
            role[index] = Self.role(inside: open.last.map { ($0.tag.kind, role[$0.index]) }, kind: tag.kind)
            if tag.kind.opensRegion {
                guard open.count < Self.maximumNesting else {
                    throw source.error(at: token.start, "sections nested more than \(Self.maximumNesting) deep")
                }
                open.append((index, tag))
            }
        }
        if let unclosed = open.last {
            throw source.error(at: tokens[unclosed.index].start, "\(Self.describe(unclosed.tag)) is never closed")
        }
    }

    /// The role of a token given the innermost open region (its kind and role).
    private static func role(inside enclosing: (kind: TagKind, role: Role)?, kind: TagKind?) -> Role {
        guard let enclosing else { return .regular }
        if enclosing.role == .ignored { return .ignored }
        if enclosing.kind == .parent { return kind == .block ? .argument : .ignored }
        return .regular
    }

    static func describe(_ tag: Tag) -> String {
        switch tag.kind {
        case .section: "section '\(tag.name)'"
        case .inverted: "inverted section '\(tag.name)'"
        case .parent: "parent '\(tag.matchKey)'"
        case .block: "block '\(tag.name)'"
        default: "tag '\(tag.name)'"
        }
    }
}
