public import Foundation
import Kernel

/// The month's cost as compliance reads it: one group of line items with the same connection,
/// currency, service, resource and tags.
public struct TaggedCost: Sendable, Equatable {
    public let connectionId: UUID
    public let currency: String
    public let serviceName: String
    public let resourceId: String?
    public let tags: [String: String]
    public let cost: Decimal

    public init(connectionId: UUID, currency: String, serviceName: String, resourceId: String?, tags: [String: String], cost: Decimal) {
        self.connectionId = connectionId
        self.currency = currency
        self.serviceName = serviceName
        self.resourceId = resourceId
        self.tags = tags
        self.cost = cost
    }
}

/// How much of a month's cost carries the tags the policy requires (section 4.2's "tagged
/// resources > 95 %"), per currency: never one figure over several currencies.
public struct TagCompliance: Sendable, Equatable {
    /// The framework's target for both shares.
    public static let target: Decimal = 95
    /// Resources listed as the worst offenders.
    public static let topCount = 10

    public struct Share: Sendable, Equatable {
        public let cost: Decimal
        public let taggedCost: Decimal
        public let resources: Int
        public let taggedResources: Int
        /// Two decimals; `nil` without cost (or resources).
        public var taggedCostPercentage: Decimal? { cost == 0 ? nil : (taggedCost * 100 / cost).rounded(2) }
        public var taggedResourcePercentage: Decimal? {
            resources == 0 ? nil : (Decimal(taggedResources) * 100 / Decimal(resources)).rounded(2)
        }
    }

    public struct KeyGap: Sendable, Equatable {
        public let key: String
        public let missingCost: Decimal
        public let invalidCost: Decimal
    }

    public struct Offender: Sendable, Equatable {
        /// `nil` for line items without a `ResourceId`, gathered per service.
        public let resourceId: String?
        public let serviceName: String
        public let connectionId: UUID
        public let cost: Decimal
        public let missingKeys: [String]
        public let invalidKeys: [String]
    }

    public struct ConnectionShare: Sendable, Equatable {
        public let connectionId: UUID
        public let share: Share
    }

    public struct Currency: Sendable, Equatable {
        public let currency: String
        public let share: Share
        public let byConnection: [ConnectionShare]
        public let byKey: [KeyGap]
        public let topUntagged: [Offender]
    }

    public let currencies: [Currency]

    /// - Parameter costs: the month's groups, in any order.
    public init(policy: TagPolicy, costs: [TaggedCost]) {
        currencies = Dictionary(grouping: costs, by: \.currency).keys.sorted().map { currency in
            TagCompliance.measure(policy: policy, costs: costs.filter { $0.currency == currency }, currency: currency)
        }
    }

    private struct ResourceKey: Hashable {
        let connectionId: UUID
        let resourceId: String?
        let serviceName: String?
    }

    private static func measure(policy: TagPolicy, costs: [TaggedCost], currency: String) -> Currency {
        let judged = costs.map { (cost: $0, verdict: policy.verdict(for: $0.tags)) }
        var gaps = policy.requiredTags.map { (key: $0.key, missing: Decimal(0), invalid: Decimal(0)) }
        var offenders: [ResourceKey: (cost: Decimal, missing: Set<String>, invalid: Set<String>, service: String)] = [:]
        for (cost, verdict) in judged where !verdict.isCompliant {
            for (i, gap) in gaps.enumerated() {
                if verdict.missing.contains(gap.key) { gaps[i].missing += cost.cost }
                if verdict.invalid.contains(gap.key) { gaps[i].invalid += cost.cost }
            }
            // Without a ResourceId, the items are gathered per service.
            let key = ResourceKey(connectionId: cost.connectionId, resourceId: cost.resourceId,
                                  serviceName: cost.resourceId == nil ? cost.serviceName : nil)
            var entry = offenders[key] ?? (0, [], [], cost.serviceName)
            entry.cost += cost.cost
            entry.missing.formUnion(verdict.missing)
            entry.invalid.formUnion(verdict.invalid)
            offenders[key] = entry
        }
        let order = Dictionary(uniqueKeysWithValues: policy.requiredTags.enumerated().map { ($0.element.key, $0.offset) })
        let sortedKeys = { (keys: Set<String>) in keys.sorted { order[$0, default: 0] < order[$1, default: 0] } }
        let top = offenders.filter { $0.value.cost != 0 }
            .sorted { $0.value.cost != $1.value.cost ? $0.value.cost > $1.value.cost : ($0.key.resourceId ?? "") < ($1.key.resourceId ?? "") }
            .prefix(topCount)
            .map { key, entry in
                Offender(resourceId: key.resourceId, serviceName: entry.service, connectionId: key.connectionId, cost: entry.cost.rounded(2),
                         missingKeys: sortedKeys(entry.missing), invalidKeys: sortedKeys(entry.invalid))
            }
        let connections = Set(costs.map(\.connectionId)).sorted { $0.uuidString < $1.uuidString }
        return Currency(
            currency: currency, share: share(judged),
            byConnection: connections.map { id in ConnectionShare(connectionId: id, share: share(judged.filter { $0.cost.connectionId == id })) },
            byKey: gaps.map { KeyGap(key: $0.key, missingCost: $0.missing.rounded(2), invalidCost: $0.invalid.rounded(2)) },
            topUntagged: Array(top))
    }

    /// Cost shares over every group; resource shares over resources (a connection's `ResourceId`)
    /// whose cost is not zero, a resource counting as tagged when all of its items are.
    private static func share(_ judged: [(cost: TaggedCost, verdict: TagPolicy.Verdict)]) -> Share {
        var total: Decimal = 0
        var tagged: Decimal = 0
        var resources: [ResourceKey: (cost: Decimal, compliant: Bool)] = [:]
        for (cost, verdict) in judged {
            total += cost.cost
            if verdict.isCompliant { tagged += cost.cost }
            guard let resourceId = cost.resourceId, !resourceId.isEmpty else { continue }
            let key = ResourceKey(connectionId: cost.connectionId, resourceId: resourceId, serviceName: nil)
            var entry = resources[key] ?? (0, true)
            entry.cost += cost.cost
            entry.compliant = entry.compliant && verdict.isCompliant
            resources[key] = entry
        }
        let counted = resources.values.filter { $0.cost != 0 }
        return Share(cost: total.rounded(2), taggedCost: tagged.rounded(2), resources: counted.count,
                     taggedResources: counted.filter(\.compliant).count)
    }
}
