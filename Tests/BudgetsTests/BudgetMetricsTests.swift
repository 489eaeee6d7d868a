@testable import Budgets
import Tenancy
import CostData
import Kernel
import Foundation
import Testing

@Suite("Budget metrics")
struct BudgetMetricsTests {
    let rules: [ThresholdRule] = [
        .percentage(75, of: 50000, trigger: .actualCost),
        .percentage(90, of: 50000, trigger: .actualSpend),
    ]

    func metrics(billed: Decimal, effective: Decimal = 0, today: String = "2024-05-15") -> BudgetMetrics {
        BudgetMetrics(amount: 50000, rules: rules, startMonth: LocalDate(iso: "2024-01-01")!, timeRange: .quarterly,
                      spend: SpendFigures(billed: billed, effective: effective), today: LocalDate(iso: today)!)
    }

    @Test("the spec's response figures: 12,500.75 of 50,000")
    func specFigures() {
        let m = metrics(billed: Decimal(string: "12500.75")!, effective: Decimal(string: "12500.75")!)
        #expect(m.currentSpend == Decimal(string: "12500.75")!)
        #expect(m.remainingAmount == Decimal(string: "37499.25")!)
        #expect(m.utilizationPercentage == Decimal(string: "25")!)
        #expect(m.status == .active)
        #expect(m.nextThresholdPercentage == 75)
        #expect(m.daysRemaining == 47)
    }

    @Test("each rule compares its own figure; the status follows billed spend")
    func warning() {
        let m = metrics(billed: 30000, effective: 38000)
        #expect(m.rules.map(\.reached) == [true, false])
        #expect(m.status == .active, "60 % billed is below the lowest threshold, whatever the amortized cost")
        #expect(metrics(billed: 37500, effective: 0).status == .warning, "75 % billed reaches the lowest threshold")
    }

    @Test("100 % or more is exceeded; the remaining amount goes negative")
    func exceeded() {
        let m = metrics(billed: Decimal(string: "50000.01")!)
        #expect(m.status == .exceeded)
        #expect(m.remainingAmount == Decimal(string: "-0.01")!)
        #expect(m.nextThresholdPercentage == nil)
    }

    @Test("before the start month a budget is inactive and reaches nothing")
    func inactive() {
        let m = metrics(billed: 60000, today: "2023-12-31")
        #expect(m.status == .inactive)
        #expect(m.rules.allSatisfy { !$0.reached })
    }

    @Test("money stays exact: 0.1 + 0.2 is 0.3")
    func exactMoney() {
        let sum = Decimal(exactText: "0.1")! + Decimal(exactText: "0.2")!
        #expect(sum == Decimal(exactText: "0.3")!)
        #expect(Decimal(exactText: "12abc") == nil)
        #expect(Decimal(exactText: "1.123456789012", maxFractionDigits: 11) == nil)
        #expect(Decimal(exactText: "2.675")!.rounded(2) == Decimal(exactText: "2.68")!)
        #expect(Decimal(exactText: "-2.675")!.rounded(2) == Decimal(exactText: "-2.68")!)
    }

    @Test("money is formatted for people")
    func formatting() {
        #expect(MoneyFormat.amount(Decimal(exactText: "1234567.5")!, currency: "USD") == "$1,234,567.50")
        #expect(MoneyFormat.amount(Decimal(exactText: "-12")!, currency: "EUR") == "−€12.00")
        #expect(MoneyFormat.amount(Decimal(exactText: "999.999")!, currency: "CHF") == "CHF\u{00A0}1,000.00")
        #expect(MoneyFormat.percent(Decimal(exactText: "82.45")!) == "82.5\u{202F}%")
    }

    @Test("no forecast before the period's third day; from then on the run rate")
    func forecastNeedsThreeDays() {
        let july = BudgetPeriod(start: LocalDate(iso: "2025-07-01")!, end: LocalDate(iso: "2025-07-31")!)
        let dayTwo = RunRateForecast(period: july, spentSoFar: 40, today: LocalDate(iso: "2025-07-02")!)
        #expect(dayTwo.atEnd == nil)
        #expect(dayTwo.availableFrom == LocalDate(iso: "2025-07-03")!)
        let dayThree = RunRateForecast(period: july, spentSoFar: 60, today: LocalDate(iso: "2025-07-03")!)
        #expect(dayThree.atEnd == 620)
        #expect(dayThree.at(LocalDate(iso: "2025-07-10")!) == 200)
        #expect(dayThree.at(LocalDate(iso: "2025-07-02")!) == nil, "days before today have actual spend, not a forecast")

        let early = metrics(billed: 5000, today: "2024-04-02")
        #expect(early.forecastSpend == nil)
        #expect(early.forecastAvailableFrom == LocalDate(iso: "2024-04-03")!)
        #expect(metrics(billed: 5000, today: "2024-04-10").forecastSpend == 45500)
    }

    @Test("until there is a forecast, a forecast rule compares the spend so far")
    func forecastRuleBeforeTheThirdDay() {
        let rule = ThresholdRule.percentage(80, of: 1000, trigger: .forecastedCost)
        let m = BudgetMetrics(amount: 1000, rules: [rule], startMonth: LocalDate(iso: "2025-07-01")!, timeRange: .monthly,
                              spend: SpendFigures(billed: 300), today: LocalDate(iso: "2025-07-01")!)
        #expect(m.rules.map(\.figure) == [300])
        #expect(m.rules.map(\.reached) == [false])
    }

    @Test("the database's decimal text reads exactly as Decimal(string:) reads it")
    func databaseText() {
        let texts = ["0", "0.00", "-0.00", "37500.00", "-37500.00", "0.00001605990", "9999999999999999.99", "-12.34000000000",
                     "123456789012.12345678901", "12345678901234567890123456.12345678901", "5", "100.000"]
        for text in texts {
            #expect(Decimal(databaseText: text) == Decimal(string: text), "\(text)")
        }
        #expect(Decimal(databaseText: "-0.00")?.isNaN == false)
        for bad in ["", "-", ".", "1.2.3", "12a", "1e5", " 1"] {
            #expect(Decimal(databaseText: bad) == nil, "\(bad)")
        }
    }
}
