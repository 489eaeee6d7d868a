import HTTPKit

extension VersionPrecondition {
    /// Reads `If-Match`: `*`, or a list of entity tags such as `"3"` or `"3", "4"`.
    ///
    /// Comparison is strong (RFC 9110, 13.1.1): a weak tag `W/"3"` never matches, so a client that
    /// sends one gets a 412 rather than a write it did not mean.
    /// - Throws: `HTTPError` 400 when the header is not a list of entity tags; an empty one too
    ///   (it names no version, and the OpenAPI document does not allow it).
    static func ifMatch(_ header: String?) throws -> VersionPrecondition {
        guard let header = header?.trimmingSpaces() else { return .any }
        if header == "*" { return .any }
        var versions: [Int] = []
        for item in header.split(separator: ",", omittingEmptySubsequences: false) {
            var tag = Substring(String(item).trimmingSpaces())
            let weak = tag.hasPrefix("W/")
            if weak { tag = tag.dropFirst(2) }
            guard tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\""), let version = Int(tag.dropFirst().dropLast()), version >= 0
            else {
                throw HTTPError(.badRequest, code: "bad_request",
                                "If-Match must be the budget's ETag, such as \"3\" (with the quotes), or a list of them.")
            }
            if !weak { versions.append(version) }
        }
        return VersionPrecondition(versions: versions, sent: header)
    }
}
