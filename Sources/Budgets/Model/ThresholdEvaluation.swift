public import CostData
public import Foundation
public import Kernel

/// A rule's breach in one budget period: the key the database keeps unique.
public struct BreachKey: Hashable, Sendable {
    public let ruleId: UUID
    public let periodStart: LocalDate

    public init(ruleId: UUID, periodStart: LocalDate) {
        self.ruleId = ruleId
        self.periodStart = periodStart
    }
}

/// What evaluating one budget decided: its figures, the rules that fire now, and the breaches to
/// clear so that their rule can fire again.
///
/// A rule fires once per period. It is re-armed in the same period only when its threshold moved
/// above the figure (someone raised the budget amount or the rule): a figure that dips and comes
/// back, as a forecast or a restated bill may, does not alert twice.
public struct ThresholdEvaluation: Sendable {
    public let budget: Budget
    public let metrics: BudgetMetrics
    public let firing: [BudgetMetrics.RuleState]
    public let rearming: [BreachKey]

    /// Pure: the same budget, spend, breaches and day always give the same decision.
    /// - Parameter activeBreaches: the uncleared breaches of the budget's rules in its current
    ///   period, each with the threshold amount it was recorded at.
    public init(budget: Budget, spend: SpendFigures, activeBreaches: [BreachKey: Decimal], today: LocalDate) {
        self.budget = budget
        let metrics = BudgetMetrics(amount: budget.amount, rules: budget.thresholdRules, startMonth: budget.startMonth,
                                    timeRange: budget.timeRange, spend: spend, today: today)
        self.metrics = metrics
        var firing: [BudgetMetrics.RuleState] = []
        var rearming: [BreachKey] = []
        for state in metrics.rules {
            guard let ruleId = state.rule.id else { continue }
            let key = BreachKey(ruleId: ruleId, periodStart: metrics.period.start)
            if let breachedAt = activeBreaches[key] {
                if !state.reached && state.rule.amount > breachedAt { rearming.append(key) }
            } else if state.reached {
                firing.append(state)
            }
        }
        self.firing = firing
        self.rearming = rearming
    }

    /// Whether the stored breaches must change.
    public var changesBreaches: Bool { !firing.isEmpty || !rearming.isEmpty }
}
