/// The versions of a budget a change is willing to overwrite: optimistic locking for the API
/// (`If-Match`) and the pages (the form's hidden version field).
struct VersionPrecondition: Sendable, Equatable {
    /// `nil` means any version: no `If-Match`, or `If-Match: *`.
    let versions: [Int]?
    /// What the client sent, for the message of a 412.
    let sent: String

    static let any = VersionPrecondition(versions: nil, sent: "*")

    static func exactly(_ version: Int) -> VersionPrecondition {
        VersionPrecondition(versions: [version], sent: String(version))
    }

    func allows(_ version: Int) -> Bool { versions?.contains(version) ?? true }

    /// Reads `If-Match`: `*`, or a list of entity tags such as `"3"` or `"3", "4"`.
    ///
    /// Comparison is strong (RFC 9110, 13.1.1): a weak tag `W/"3"` never matches, so a client that
    /// sends one gets a 412 rather than a write it did not mean.
    /// - Throws: `HTTPError` 400 when the header is not a list of entity tags.
    static func ifMatch(_ header: String?) throws -> VersionPrecondition {
        guard let header = header?.trimmingSpaces(), !header.isEmpty else { return .any }
        if header == "*" { return .any }
        var versions: [Int] = []
        for item in header.split(separator: ",", omittingEmptySubsequences: false) {
            var tag = Substring(String(item).trimmingSpaces())
            let weak = tag.hasPrefix("W/")
            if weak { tag = tag.dropFirst(2) }
            guard tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\""), let version = Int(tag.dropFirst().dropLast()), version >= 0
            else {
                throw HTTPError(.badRequest, code: "bad_request", "If-Match must be the budget's ETag, such as \"3\" (with the quotes), or a list of them.")
            }
            if !weak { versions.append(version) }
        }
        return VersionPrecondition(versions: versions, sent: header)
    }
}
