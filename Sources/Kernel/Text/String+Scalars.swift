extension String {
    /// The first `count` Unicode scalars: what a `VARCHAR(count)` column takes in utf8mb4.
    ///
    /// MariaDB counts code points where Swift's `prefix` counts characters, and one character may
    /// be many code points (a letter with 300 combining marks is one), so `prefix(255)` can still
    /// be too long for the column.
    public func prefix(scalars count: Int) -> String {
        guard unicodeScalars.count > count else { return self }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: unicodeScalars.prefix(count))
        return String(view)
    }
}

extension Unicode.Scalar {
    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make
    /// text display in another order than it is stored, so "Prod\u{202E}gpj.exe" can pass for
    /// something it is not. Names shown to other people may not contain them.
    public var reordersText: Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}

extension String {
    /// Why this text cannot be a name people read, or `nil` when it can: no control characters
    /// (NUL, line breaks) and nothing that reorders how it is displayed.
    public var nameProblem: String? { textProblem(allowLineBreaks: false) }

    /// Why this text cannot be shown to people, or `nil`; with `allowLineBreaks`, prose: line
    /// feeds (and CRLF) are fine, other control characters are not.
    public func textProblem(allowLineBreaks: Bool) -> String? {
        let allowed: Set<Unicode.Scalar> = allowLineBreaks ? ["\n", "\r"] : []
        if unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            return allowLineBreaks ? "must not contain control characters other than line breaks" : "must not contain control characters"
        }
        if unicodeScalars.contains(where: \.reordersText) {
            return "must not contain characters that change the direction of text (such as U+202E)"
        }
        return nil
    }
}
