@testable import Budgets
import Tenancy
import CostData
import Kernel
import Foundation
import Testing

@Suite("Threshold evaluation")
struct ThresholdEvaluationTests {
    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func budget(amount: Decimal = 1000, timeRange: TimeRange = .monthly, start: String = "2025-01-01",
                rules: [(Decimal, TriggerType)] = [(60, .actualSpend), (80, .actualSpend)]) -> Budget {
        Budget(
            id: UUID(), organizationId: UUID(), organizationName: "Acme", cspConnectionId: UUID(), cspConnectionName: "AWS",
            currency: "USD", name: "Budget", timeRange: timeRange, renewalType: .recurring, budgetType: .fixed,
            startMonth: day(start), amount: amount, selectedServices: [],
            thresholdRules: rules.map { percentage, trigger in
                var rule = ThresholdRule.percentage(percentage, of: amount, trigger: trigger)
                rule.id = UUID()
                return rule
            },
            alertRecipients: [], createdAt: Date(), updatedAt: Date(), createdBy: nil, updatedBy: nil, version: 1)
    }

    /// The breaches an evaluation leaves behind, as the evaluator records them.
    func recorded(_ evaluation: ThresholdEvaluation, on existing: [BreachKey: Decimal] = [:]) -> [BreachKey: Decimal] {
        var breaches = existing
        for key in evaluation.rearming { breaches[key] = nil }
        for state in evaluation.firing {
            breaches[BreachKey(ruleId: state.rule.id!, periodStart: evaluation.metrics.period.start)] = state.rule.amount
        }
        return breaches
    }

    @Test("a reached rule fires once per period")
    func firesOnce() {
        let b = budget()
        let first = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 650), activeBreaches: [:], today: day("2025-03-20"))
        #expect(first.firing.map(\.rule.percentage) == [60])
        let again = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 700), activeBreaches: recorded(first), today: day("2025-03-21"))
        #expect(again.firing.isEmpty && again.rearming.isEmpty)
        let higher = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 810), activeBreaches: recorded(first), today: day("2025-03-25"))
        #expect(higher.firing.map(\.rule.percentage) == [80])
    }

    @Test(
        "crossing into a new period re-arms every rule",
        arguments: [
            (TimeRange.monthly, "2025-03-31", "2025-04-01"),
            (.quarterly, "2025-03-31", "2025-04-01"),
            (.yearly, "2025-12-31", "2026-01-01"),
        ])
    func newPeriodRearms(range: TimeRange, lastDay: String, nextDay: String) {
        let b = budget(timeRange: range)
        let before = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 900), activeBreaches: [:], today: day(lastDay))
        #expect(before.firing.count == 2)
        let sameSpendNewPeriod = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 900), activeBreaches: recorded(before),
                                                     today: day(nextDay))
        #expect(sameSpendNewPeriod.metrics.period.start == day(nextDay))
        #expect(sameSpendNewPeriod.firing.count == 2, "the new period's keys are new: both rules fire again")
    }

    @Test("a budget whose start month is in the future never fires")
    func futureStart() {
        let b = budget(start: "2026-01-01")
        let evaluation = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 5000, effective: 5000), activeBreaches: [:],
                                             today: day("2025-12-31"))
        #expect(evaluation.metrics.status == .inactive)
        #expect(evaluation.firing.isEmpty)
    }

    @Test("raising the amount above the spend re-arms the rule; a figure that dips does not")
    func raisingTheAmountRearms() {
        let small = budget(amount: 1000, rules: [(80, .actualSpend)])
        let fired = ThresholdEvaluation(budget: small, spend: SpendFigures(billed: 850), activeBreaches: [:], today: day("2025-03-20"))
        let breaches = recorded(fired)
        #expect(breaches.count == 1)

        // A restated bill lowers the spend under the same threshold: no second alert later.
        let dipped = ThresholdEvaluation(budget: small, spend: SpendFigures(billed: 700), activeBreaches: breaches, today: day("2025-03-21"))
        #expect(dipped.rearming.isEmpty)

        // The amount goes to 2000 (the rule keeps its id; 80 % is now 1600): re-armed, then fires at 1600.
        var raised = small
        raised.amount = 2000
        raised.thresholdRules = small.thresholdRules.map { $0.rebased(on: 2000) }
        let rearmed = ThresholdEvaluation(budget: raised, spend: SpendFigures(billed: 850), activeBreaches: breaches, today: day("2025-03-21"))
        #expect(rearmed.rearming.count == 1 && rearmed.firing.isEmpty)
        let after = recorded(rearmed, on: breaches)
        #expect(after.isEmpty)
        let firesAgain = ThresholdEvaluation(budget: raised, spend: SpendFigures(billed: 1650), activeBreaches: after, today: day("2025-03-28"))
        #expect(firesAgain.firing.map(\.rule.amount) == [1600])
    }

    @Test("each rule compares its own figure")
    func triggerTypes() {
        let b = budget(rules: [(50, .actualSpend), (50, .actualCost)])
        let evaluation = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: 400, effective: 600), activeBreaches: [:],
                                             today: day("2025-03-20"))
        #expect(evaluation.firing.map(\.rule.triggerType) == [.actualCost])
    }

    @Test("on a rising series the forecast rule fires days before the actual rule of the same level")
    func forecastFiresFirst() {
        let b = budget(amount: 3000, rules: [(100, .forecastedCost), (100, .actualSpend)])
        var breaches: [BreachKey: Decimal] = [:]
        var firstDay: [TriggerType: Int] = [:]
        var spent: Decimal = 0
        for dayOfMonth in 1...30 {
            spent += Decimal(50 + 5 * dayOfMonth)  // 55, 60, 65 … a day: 3,825 over June
            let today = day("2025-06-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)")
            let evaluation = ThresholdEvaluation(budget: b, spend: SpendFigures(billed: spent), activeBreaches: breaches, today: today)
            for state in evaluation.firing where firstDay[state.rule.triggerType] == nil { firstDay[state.rule.triggerType] = dayOfMonth }
            breaches = recorded(evaluation, on: breaches)
        }
        let forecast = try! #require(firstDay[.forecastedCost])
        let actual = try! #require(firstDay[.actualSpend])
        #expect(forecast < actual)
        #expect(forecast >= RunRateForecast.minimumDays, "no forecast from the first day or two alone")
    }
}
