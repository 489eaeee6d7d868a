public import Foundation
public import Kernel
public import MariaDB
import Persistence

/// A month's tag compliance, with the month before for the trend.
public struct ComplianceMonth: Sendable {
    public let month: LocalDate
    public let policy: TagPolicy
    public let current: TagCompliance
    public let previous: TagCompliance
}

/// The allocation use cases: the organization's tag policy (everyone reads, admins write) and how
/// much of a month's cost complies with it. Inputs arrive as typed, unchecked values; every problem
/// is reported at once, naming its field, and a refused policy changes nothing.
public struct AllocationService {
    public let db: Connection
    public let now: Date

    public init(db: Connection, now: Date) {
        self.db = db
        self.now = now
    }

    public func policy(for principal: Principal) throws -> TagPolicy {
        try TagPolicyStore.policy(organizationId: try principal.requireOrganization(), in: db)
    }

    /// One required tag as a client wrote it: `nil` members were absent.
    public struct RequiredTagInput: Sendable {
        public var key: String?
        public var allowedValues: [String]?

        public init(key: String?, allowedValues: [String]?) {
            self.key = key
            self.allowedValues = allowedValues
        }
    }

    /// Replaces the policy. Keys are unique as `TagKey` matches them; values are trimmed and unique.
    /// - Throws: `.invalid` naming `requiredTags[i].key` or `requiredTags[i].allowedValues[j]`.
    public func setPolicy(_ inputs: [RequiredTagInput]?, typeErrors: [FieldError] = [], by principal: Principal) throws -> TagPolicy {
        try principal.require(.admin, to: "change the tag policy")
        var errors = FieldErrors(reported: typeErrors)
        guard let inputs else {
            errors.add("requiredTags", "is required: a list of {\"key\", \"allowedValues\"}, empty for no policy")
            throw DomainError.invalid(errors.list)
        }
        if inputs.count > TagPolicy.maximumKeys { errors.add("requiredTags", "must have at most \(TagPolicy.maximumKeys) keys") }
        var seen: [String: Int] = [:]
        var tags: [TagPolicy.RequiredTag] = []
        for (i, input) in inputs.enumerated() {
            let field = "requiredTags[\(i)]"
            let key = (input.key ?? "").trimmingWhitespaceAndNewlines()
            let normalized = TagKey.normalized(key)
            if input.key == nil || normalized.isEmpty {
                errors.add("\(field).key", "is required: the tag's name, such as Department")
            } else if key.unicodeScalars.count > TagPolicy.maximumKeyLength {
                errors.add("\(field).key", "must be at most \(TagPolicy.maximumKeyLength) characters")
            } else if let first = seen[normalized] {
                errors.add("\(field).key", "is the same key as requiredTags[\(first)].key (keys match without user: and ignoring case)")
            } else {
                seen[normalized] = i
            }
            var values: [String]?
            if let raw = input.allowedValues {
                if raw.isEmpty { errors.add("\(field).allowedValues", "must list at least one value, or be left out for any value") }
                if raw.count > TagPolicy.maximumValues { errors.add("\(field).allowedValues", "must list at most \(TagPolicy.maximumValues) values") }
                var kept: [String] = []
                for (j, value) in raw.enumerated() {
                    let trimmed = value.trimmingWhitespaceAndNewlines()
                    if trimmed.isEmpty {
                        errors.add("\(field).allowedValues[\(j)]", "must not be empty")
                    } else if trimmed.unicodeScalars.count > TagPolicy.maximumValueLength {
                        errors.add("\(field).allowedValues[\(j)]", "must be at most \(TagPolicy.maximumValueLength) characters")
                    } else if !kept.contains(where: { TagKey.normalizedValue($0) == TagKey.normalizedValue(trimmed) }) {
                        kept.append(trimmed)
                    }
                }
                values = kept
            }
            tags.append(TagPolicy.RequiredTag(key: key, allowedValues: values))
        }
        try errors.check()
        let policy = TagPolicy(requiredTags: tags)
        let organizationId = try principal.requireOrganization()
        try db.transaction { tx in try TagPolicyStore.replace(organizationId: organizationId, with: policy, by: principal.userId, at: now, in: tx) }
        return policy
    }

    /// The month's compliance (charges that began in it) and the month before's.
    public func compliance(month: LocalDate, for principal: Principal) throws -> ComplianceMonth {
        let organizationId = try principal.requireOrganization()
        let policy = try TagPolicyStore.policy(organizationId: organizationId, in: db)
        let previousMonth = month.adding(months: -1)
        let current = try TaggedCostQuery.taggedCosts(organizationId: organizationId, month: month, in: db)
        let previous = try TaggedCostQuery.taggedCosts(organizationId: organizationId, month: previousMonth, in: db)
        return ComplianceMonth(month: month, policy: policy, current: TagCompliance(policy: policy, costs: current),
                               previous: TagCompliance(policy: policy, costs: previous))
    }

    /// Sets the policy of an organization the demo (or an operator) names, without a caller.
    public static func setPolicy(_ policy: TagPolicy, organizationId: UUID, at now: Date, in db: Connection) throws {
        try db.transaction { tx in try TagPolicyStore.replace(organizationId: organizationId, with: policy, by: nil, at: now, in: tx) }
    }

    public static func policy(organizationId: UUID, in db: any SQLReading) throws -> TagPolicy {
        try TagPolicyStore.policy(organizationId: organizationId, in: db)
    }
}
