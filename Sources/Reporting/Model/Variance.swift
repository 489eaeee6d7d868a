public import Foundation
public import Kernel

/// Actual against budget, classified as the governance framework does (section 3.3): the
/// direction, the size by the variance's percentage, and the response each pair calls for.
public struct Variance: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case favorable
        case unfavorable
        case onBudget = "on budget"
    }

    /// By |variance %|: small below 10, medium from 10 to 25 inclusive, large above 25.
    public enum Size: String, Sendable {
        case small
        case medium
        case large

        public init(percentage: Decimal) {
            let magnitude = abs(percentage)
            self = magnitude < 10 ? .small : magnitude <= 25 ? .medium : .large
        }
    }

    /// actual − budget.
    public let amount: Cents
    /// amount ÷ budget × 100, two decimals; `nil` when the budget is 0.
    public let percentage: Decimal?
    public let direction: Direction
    public let size: Size

    /// - Note: a budget of 0 has no percentage; any cost against it is a large variance.
    public init(actual: Cents, budget: Cents) {
        amount = actual - budget
        percentage = Percentages.of(amount, in: budget)
        direction = amount.value < 0 ? .favorable : amount.value > 0 ? .unfavorable : .onBudget
        size = percentage.map(Size.init(percentage:)) ?? (amount == .zero ? .small : .large)
    }

    /// Above 10 % either way: the variances the monthly review investigates (section 3.3, week 1).
    public var isSignificant: Bool {
        guard let percentage else { return amount != .zero }
        return abs(percentage) > 10
    }

    /// What the framework says to do about it.
    public var response: String {
        switch (direction, size) {
        case (.onBudget, _): "Continue monitoring"
        case (.favorable, .small): "Document and continue monitoring"
        case (.favorable, .medium): "Investigate for sustainability"
        case (.favorable, .large): "Reassess budget projections"
        case (.unfavorable, .small): "Monitor and explain"
        case (.unfavorable, .medium): "Implement immediate cost controls"
        case (.unfavorable, .large): "Executive review and intervention"
        }
    }
}
