import Kernel

/// The tags an organization requires on every cost (section 2.2 of the governance framework):
/// each key, and optionally the values it may take.
public struct TagPolicy: Sendable, Equatable {
    public struct RequiredTag: Sendable, Equatable {
        /// As the organization writes it (`Department`); matched by `TagKey.normalized`.
        public let key: String
        /// `nil`: any non-empty value.
        public let allowedValues: [String]?

        public init(key: String, allowedValues: [String]?) {
            self.key = key
            self.allowedValues = allowedValues
        }

        /// Whether `value` is one this key may take (any non-empty value when there is no list).
        public func allows(_ value: String) -> Bool {
            let normalized = TagKey.normalizedValue(value)
            guard !normalized.isEmpty else { return false }
            return allowedValues.map { $0.contains { TagKey.normalizedValue($0) == normalized } } ?? true
        }
    }

    public let requiredTags: [RequiredTag]

    public init(requiredTags: [RequiredTag]) { self.requiredTags = requiredTags }

    public static let maximumKeys = 50
    public static let maximumKeyLength = 128
    public static let maximumValues = 100
    public static let maximumValueLength = 256

    /// What one cost's tags lack: the required keys it does not carry, and those whose value is not allowed.
    public struct Verdict: Sendable, Equatable {
        public let missing: [String]
        public let invalid: [String]
        public var isCompliant: Bool { missing.isEmpty && invalid.isEmpty }
    }

    /// Judges a cost's tags (as the file wrote them) against the policy.
    public func verdict(for tags: [String: String]) -> Verdict {
        var byKey: [String: String] = [:]
        for (key, value) in tags { byKey[TagKey.normalized(key)] = value }
        var missing: [String] = []
        var invalid: [String] = []
        for required in requiredTags {
            guard let value = byKey[TagKey.normalized(required.key)], !TagKey.normalizedValue(value).isEmpty else {
                missing.append(required.key)
                continue
            }
            if !required.allows(value) { invalid.append(required.key) }
        }
        return Verdict(missing: missing, invalid: invalid)
    }
}
