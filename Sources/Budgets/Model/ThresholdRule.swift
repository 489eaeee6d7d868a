public import Foundation
import Kernel

/// A level at which a budget alerts: a share of the amount, an absolute amount, or both.
///
/// Both figures are always known: the one the user gave (`basis`) and the one derived from it. When
/// the budget amount changes, the derived figure follows, so "80 %" stays 80 %.
public struct ThresholdRule: Sendable, Equatable {
    /// Which figure the user set; the other one is derived.
    public enum Basis: String, Sendable { case percentage, amount }

    public var id: UUID?
    /// Percent of the budget amount, 0 < p ≤ 1000, three decimals at most.
    public var percentage: Decimal
    /// Absolute amount in the connection's currency, two decimals.
    public var amount: Decimal
    public var triggerType: TriggerType
    public var basis: Basis

    public init(id: UUID? = nil, percentage: Decimal, amount: Decimal, triggerType: TriggerType, basis: Basis) {
        self.id = id
        self.percentage = percentage
        self.amount = amount
        self.triggerType = triggerType
        self.basis = basis
    }

    /// A rule defined by `percentage` of `budgetAmount`.
    public static func percentage(_ percentage: Decimal, of budgetAmount: Decimal, trigger: TriggerType) -> ThresholdRule {
        ThresholdRule(percentage: percentage, amount: (budgetAmount * percentage / 100).rounded(2), triggerType: trigger, basis: .percentage)
    }

    /// A rule defined by an absolute `amount`.
    public static func amount(_ amount: Decimal, of budgetAmount: Decimal, trigger: TriggerType) -> ThresholdRule {
        ThresholdRule(percentage: (amount * 100 / budgetAmount).rounded(3), amount: amount, triggerType: trigger, basis: .amount)
    }

    /// The same rule for a new budget amount: the user's figure kept, the other recomputed.
    public func rebased(on budgetAmount: Decimal) -> ThresholdRule {
        var rule = basis == .percentage
            ? ThresholdRule.percentage(percentage, of: budgetAmount, trigger: triggerType)
            : ThresholdRule.amount(amount, of: budgetAmount, trigger: triggerType)
        rule.id = id
        return rule
    }

    /// The same rule as far as its owner is concerned: same trigger, same figure they set.
    /// The derived figure may differ (the budget amount changed); the rule keeps its identity.
    public func isSameLevel(as other: ThresholdRule) -> Bool {
        guard triggerType == other.triggerType, basis == other.basis else { return false }
        return basis == .percentage ? percentage == other.percentage : amount == other.amount
    }
}
