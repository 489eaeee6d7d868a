public import Foundation

extension UUID {
    /// Lower-case, as MariaDB's UUID type and the spec's examples write it.
    public var lowercasedString: String { uuidString.lowercased() }

    /// Parses the canonical 8-4-4-4-12 form only (any case).
    public init?(canonical text: String) {
        guard text.utf8.count == 36, let uuid = UUID(uuidString: text) else { return nil }
        self = uuid
    }
}
