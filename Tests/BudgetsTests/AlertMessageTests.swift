@testable import Budgets
import Tenancy
import CostData
import Foundation
import Kernel
import Testing

@Suite("Alert messages")
struct AlertMessageTests {
    @Test("a message leads with the highest actual threshold; forecasts only when nothing actual was reached")
    func headline() {
        func state(_ percentage: Decimal, _ trigger: TriggerType) -> BudgetMetrics.RuleState {
            BudgetMetrics(amount: 100, rules: [.percentage(percentage, of: 100, trigger: trigger)], startMonth: LocalDate(iso: "2025-01-01")!,
                          timeRange: .monthly, spend: SpendFigures(billed: 1000, effective: 1000), today: LocalDate(iso: "2025-01-20")!).rules[0]
        }
        #expect(AlertMessage.headline(of: [state(60, .actualSpend), state(120, .forecastedCost), state(80, .actualCost)])?.rule.percentage == 80)
        #expect(AlertMessage.headline(of: [state(100, .forecastedCost), state(120, .forecastedCost)])?.rule.percentage == 120)
    }
}
