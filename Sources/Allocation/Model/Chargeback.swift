public import CostData
public import Foundation
public import Kernel

/// One group of a month's cost as allocation reads it: the same connection, currency, service,
/// resource and tag set, summed.
public struct AllocatableCost: Sendable, Equatable {
    public let connectionId: UUID
    public let currency: String
    public let serviceName: String
    public let resourceId: String?
    public let tags: TagSet
    /// Billed cost in 10⁻¹¹ units (`FixedAmount`), exact.
    public let amount: Int128

    public init(connectionId: UUID, currency: String, serviceName: String, resourceId: String?, tags: TagSet, amount: Int128) {
        self.connectionId = connectionId
        self.currency = currency
        self.serviceName = serviceName
        self.resourceId = resourceId
        self.tags = tags
        self.amount = amount
    }
}

/// A dimension's chargeback statement for a month (framework 2.3): per value its direct cost
/// (tagged at the source or attributed by a rule), its part of the shared services and of the
/// overhead, in cents that add up exactly to the organization's total; per currency, never mixed.
public struct Chargeback: Sendable, Equatable {
    public struct ServiceLine: Sendable, Equatable {
        public let serviceName: String
        public let cost: Cents
    }

    public struct Line: Sendable, Equatable {
        /// As the organization writes it (the policy's spelling when it lists the value).
        public let value: String
        /// `TagKey.normalizedValue`; empty for the unallocated line.
        public let key: String
        /// Tagged at the source plus attributed by rules.
        public let direct: Cents
        /// The part of `direct` attributed by assignment rules.
        public let byRules: Cents
        public let shared: Cents
        public let overhead: Cents
        public let total: Cents
        /// Percent of the currency's total, two decimals; `nil` when the total is zero.
        public let share: Decimal?
        public var previousMonthTotal: Cents?
        /// The value's total by service, largest first; adds up to `total`.
        public let services: [ServiceLine]
        public let isUnallocated: Bool
    }

    public struct Currency: Sendable, Equatable {
        public let currency: String
        /// The month's cost in this currency, to the cent: the sum of the lines.
        public let total: Cents
        public let direct: Cents
        public let byRules: Cents
        public let shared: Cents
        public let overhead: Cents
        public var lines: [Line]
        /// What the statement did otherwise than its method says, and why (no metric uploaded, say).
        public let notes: [String]

        /// Tagged at the source: direct cost not attributed by a rule.
        public var taggedAtSource: Cents { direct - byRules }

        /// Section 4.2's "cost allocation accuracy" (target above 90 %): the share of the month's cost
        /// that reaches a value by its own tag, a rule, or the shared services' declared split, rather
        /// than being spread as overhead. Two decimals; `nil` without cost.
        public var allocationAccuracy: Decimal? {
            total == .zero ? nil : ((direct + shared).decimal * 100 / total.decimal).rounded(2)
        }

        public static let accuracyTarget: Decimal = 90
    }

    public let dimension: String
    public let month: LocalDate
    public var currencies: [Currency]

    /// The label of the line that holds what the dimension leaves unallocated.
    public static let unallocatedLabel = "Unallocated"
}
