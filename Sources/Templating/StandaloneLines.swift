/// Applies the spec's whitespace rules to a token stream before it becomes a tree.
///
/// - A standalone tag (alone on its line apart from spaces and tabs) takes its whole line with it.
/// - A parent tag pair is standalone when the opening tag starts its line and the closing tag ends
///   its line, even when both share one line.
/// - A block passed to a parent drops the line break after a line-ending opening tag and the
///   indentation before a line-starting closing tag, and its lines lose the block's intrinsic
///   indentation (that of its first line), so it can be re-indented wherever it lands.
/// - A block in a template that can be overridden records the indentation an override gets there.
struct StandaloneLines {
    /// Text and line-ending tokens that the rules delete.
    private(set) var removed: [Bool]
    /// Indentation of standalone partial and parent tags, and the re-indentation of blocks,
    /// keyed by the index of the opening tag.
    private(set) var indentation: [Int: [UInt8]] = [:]

    private var tokens: [Token]
    private let bytes: [UInt8]
    private var clearBefore: [Bool]
    private var clearAfter: [Bool]

    /// Rewrites `tokens` in place (re-indented block text) and records what to delete.
    static func apply(to tokens: inout [Token], structure: TagStructure, bytes: [UInt8]) -> StandaloneLines {
        var lines = StandaloneLines(tokens: tokens, bytes: bytes)
        lines.outdentArguments(structure)
        lines.decide(structure)
        tokens = lines.tokens
        return lines
    }

    private init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
        removed = Array(repeating: false, count: tokens.count)
        clearBefore = Array(repeating: false, count: tokens.count)
        clearAfter = Array(repeating: false, count: tokens.count)
        var clear = true
        for index in tokens.indices {
            clear = step(index, clear: clear, record: &clearBefore)
        }
        clear = true
        for index in tokens.indices.reversed() {
            clear = step(index, clear: clear, record: &clearAfter)
        }
    }

    /// One step of a scan for "only blanks between this tag and the line end".
    private func step(_ index: Int, clear: Bool, record: inout [Bool]) -> Bool {
        switch tokens[index].kind {
        case .newline: return true
        case .text: return clear && isBlank(index)
        case .tag:
            record[index] = clear
            return false
        }
    }

    private func isBlank(_ index: Int) -> Bool {
        bytes[tokens[index].start..<tokens[index].end].allSatisfy(ASCII.isBlank)
    }

    /// Leading spaces and tabs of a text token (nothing for other tokens).
    private func leadingBlanks(_ index: Int) -> [UInt8] {
        guard index < tokens.count, tokens[index].isText else { return [] }
        let range = tokens[index].start..<tokens[index].end
        return Array(bytes[range].prefix(while: ASCII.isBlank))
    }

    /// Removes each argument block's intrinsic indentation from all of its lines, outer blocks first.
    private mutating func outdentArguments(_ structure: TagStructure) {
        for index in tokens.indices where structure.role[index] == .argument && clearAfter[index] {
            guard tokens[index].tag?.kind == .block,
                  let newline = tokens[(index + 1)...].firstIndex(where: \.isNewline)
            else { continue }
            let close = structure.partner[index]
            let firstLine = newline + 1
            guard firstLine < close else { continue }
            let intrinsic = leadingBlanks(firstLine)
            guard !intrinsic.isEmpty else { continue }
            for token in firstLine..<close where tokens[token].isText && (token == firstLine || tokens[token - 1].isNewline) {
                var start = tokens[token].start
                var matched = 0
                while start < tokens[token].end, matched < intrinsic.count, bytes[start] == intrinsic[matched] {
                    start += 1
                    matched += 1
                }
                tokens[token].start = start
            }
        }
    }

    private mutating func decide(_ structure: TagStructure) {
        for index in tokens.indices {
            guard let tag = tokens[index].tag, structure.role[index] != .ignored else { continue }
            let partner = structure.partner[index]
            switch tag.kind {
            case .variable:
                continue
            case .parent:
                if clearBefore[index] && clearAfter[partner] {
                    indentation[index] = removeBefore(index)
                    _ = removeAfter(partner)
                }
            case .block where structure.role[index] == .argument:
                if clearAfter[index] { _ = removeAfter(index) }
                if clearBefore[partner] { _ = removeBefore(partner) }
            case .block:
                decideBlock(index, close: partner)
            case .close:
                let opener = tokens[partner].tag?.kind
                if opener == .parent || structure.role[index] == .argument { continue }
                removeIfStandalone(index)
            case .partial:
                if clearBefore[index] && clearAfter[index] {
                    indentation[index] = removeBefore(index)
                    _ = removeAfter(index)
                }
            case .section, .inverted, .comment, .delimiters:
                removeIfStandalone(index)
            }
        }
    }

    /// A block that can be overridden: standalone opening tags take the indentation of the next
    /// line; a tag pair alone on its line takes the whitespace in front of it.
    private mutating func decideBlock(_ open: Int, close: Int) {
        if clearBefore[open] && clearAfter[open] {
            _ = removeBefore(open)
            let nextLine = removeAfter(open)
            indentation[open] = nextLine < close ? leadingBlanks(nextLine) : []
        } else if clearBefore[open] && clearAfter[close] && !tokens[open..<close].contains(where: \.isNewline) {
            indentation[open] = open > 0 ? leadingBlanks(open - 1) : []
        }
    }

    private mutating func removeIfStandalone(_ index: Int) {
        if clearBefore[index] && clearAfter[index] {
            _ = removeBefore(index)
            _ = removeAfter(index)
        }
    }

    /// Deletes the blanks between the line start and the tag; returns them.
    private mutating func removeBefore(_ index: Int) -> [UInt8] {
        var blanks: [UInt8] = []
        var current = index - 1
        while current >= 0, tokens[current].isText {
            removed[current] = true
            blanks.insert(contentsOf: bytes[tokens[current].start..<tokens[current].end], at: 0)
            current -= 1
        }
        return blanks
    }

    /// Deletes the blanks after the tag and the line ending; returns the index of the next line's
    /// first token.
    private mutating func removeAfter(_ index: Int) -> Int {
        var current = index + 1
        while current < tokens.count {
            switch tokens[current].kind {
            case .text:
                removed[current] = true
                current += 1
            case .newline:
                removed[current] = true
                return current + 1
            case .tag:
                return current
            }
        }
        return current
    }
}
