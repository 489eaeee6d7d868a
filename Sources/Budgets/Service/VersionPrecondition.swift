/// The versions of a budget a change is willing to overwrite: optimistic locking for the API
/// (`If-Match`) and the pages (the form's hidden version field).
public struct VersionPrecondition: Sendable, Equatable {
    /// `nil` means any version: no `If-Match`, or `If-Match: *`.
    public let versions: [Int]?
    /// What the client sent, for the message of a 412.
    public let sent: String

    public init(versions: [Int]?, sent: String) {
        self.versions = versions
        self.sent = sent
    }

    public static let any = VersionPrecondition(versions: nil, sent: "*")

    public static func exactly(_ version: Int) -> VersionPrecondition {
        VersionPrecondition(versions: [version], sent: String(version))
    }

    public func allows(_ version: Int) -> Bool { versions?.contains(version) ?? true }
}
