/// A dimension as a client wrote it: `nil` members were absent; nothing is checked yet.
public struct DimensionInput: Sendable {
    public struct Rule: Sendable {
        public var connectionId: String?
        public var serviceName: String?
        public var resourceIdGlob: String?
        public var tagKey: String?
        public var tagValue: String?
        /// Whether `match.tag` was given (as an object).
        public var hasTag = false
        /// Whether `match` was given.
        public var hasMatch = false
        public var value: String?

        public init() {}
    }

    public var name: String?
    public var tagKey: String?
    public var sharedServices: [String]?
    public var sharedMethod: String?
    /// Value → the percentage's number text, in the order given.
    public var fixedShares: [(value: String, percent: String?)]?
    public var metric: String?
    public var rules: [Rule]?
    /// Value → e-mail address.
    public var owners: [(value: String, email: String?)]?
    public var keepsUnallocated: Bool?

    public init() {}
}
