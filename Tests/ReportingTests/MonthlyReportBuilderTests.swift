import CostData
import Foundation
import Kernel
import Reporting
import XCTest

final class MonthlyReportBuilderTests: XCTestCase {
    func section(_ report: MonthlyReport, _ currency: String) -> MonthlyReport.CurrencySection {
        report.currencies.first { $0.currency == currency }!
    }

    func line(_ section: MonthlyReport.CurrencySection, _ name: String) -> MonthlyReport.BudgetLine {
        section.budgets.first { $0.name == name }!
    }

    // MARK: - June 2025

    func testTheReportIsPerCurrencyAndComplete() {
        let report = June.report()
        XCTAssertEqual(report.organizationId, Org.id)
        XCTAssertEqual(report.month, day("2025-06-01"))
        XCTAssertTrue(report.complete)
        XCTAssertEqual(report.asOf, June.asOf)
        XCTAssertEqual(report.currencies.map(\.currency), ["EUR", "USD"])
    }

    func testTotalsBudgetAndUnbudgetedCost() {
        let usd = section(June.report(), "USD")
        XCTAssertEqual(usd.totalCost, cents("364.54"))
        XCTAssertEqual(usd.budgetedCost, cents("354.54"))
        XCTAssertEqual(usd.totalBudget, cents("333.33"), "Production monthly 300.00 + Staging quarterly 33.33")
        XCTAssertEqual(usd.unbudgetedCost, cents("10.00"), "Dev GCP has no budget in June")
        XCTAssertEqual(usd.variance.amount, cents("21.21"))
        XCTAssertEqual(usd.variance.percentage, dec("6.36"))
        XCTAssertEqual(usd.variance.direction, .unfavorable)
        XCTAssertEqual(usd.variance.size, .small)
        XCTAssertEqual(usd.variance.response, "Monitor and explain")
        XCTAssertEqual(usd.previousMonthCost, cents("285.00"))
        XCTAssertEqual(usd.change, dec("27.91"))
    }

    func testCurrenciesAreNeverAddedTogether() {
        let eur = section(June.report(), "EUR")
        XCTAssertEqual(eur.totalCost, cents("150.00"))
        XCTAssertEqual(eur.budgetedCost, cents("150.00"))
        XCTAssertEqual(eur.totalBudget, cents("200.00"))
        XCTAssertEqual(eur.unbudgetedCost, .zero)
        XCTAssertEqual(eur.variance.amount, cents("-50.00"))
        XCTAssertEqual(eur.variance.percentage, dec("-25"))
        XCTAssertEqual(eur.variance.size, .medium)
        XCTAssertEqual(eur.variance.response, "Investigate for sustainability")
        XCTAssertEqual(eur.previousMonthCost, cents("100.00"))
        XCTAssertEqual(eur.change, dec("50"))
        XCTAssertEqual(eur.connections.map(\.name), ["Azure EU"])
        XCTAssertEqual(eur.services.map(\.serviceName), ["Virtual Machines"])
        XCTAssertEqual(eur.budgets.map(\.name), ["Azure monthly"])
        XCTAssertEqual(eur.days.map(\.cost), Array(repeating: cents("5.00"), count: 30))
        XCTAssertFalse(section(June.report(), "USD").connections.contains { $0.name == "Azure EU" })
    }

    func testEveryBudgetTakingPartHasItsShareActualAndVariance() {
        let usd = section(June.report(), "USD")
        XCTAssertEqual(usd.budgets.map(\.name), ["Production S3", "Production monthly", "Production yearly", "Staging quarterly"],
                       "by connection, then name; the deleted and the not yet started are left out")
        let s3 = line(usd, "Production S3")
        XCTAssertTrue(s3.serviceScoped)
        XCTAssertFalse(s3.countsTowardTotal)
        XCTAssertEqual(s3.monthlyBudget, cents("25.00"))
        XCTAssertEqual(s3.actual, cents("25.56"), "only its own service")
        XCTAssertEqual(s3.variance.percentage, dec("2.24"))
        let monthly = line(usd, "Production monthly")
        XCTAssertTrue(monthly.countsTowardTotal)
        XCTAssertFalse(monthly.serviceScoped)
        XCTAssertEqual(monthly.connectionName, "Production AWS")
        XCTAssertEqual(monthly.timeRange, .monthly)
        XCTAssertEqual(monthly.actual, cents("314.54"))
        XCTAssertEqual(monthly.variance.amount, cents("14.54"))
        XCTAssertEqual(monthly.variance.percentage, dec("4.85"))
        let yearly = line(usd, "Production yearly")
        XCTAssertFalse(yearly.countsTowardTotal, "the monthly one has the shorter period")
        XCTAssertEqual(yearly.monthlyBudget, cents("500.00"))
        XCTAssertEqual(yearly.variance.amount, cents("-185.46"))
        XCTAssertEqual(yearly.variance.percentage, dec("-37.09"))
        XCTAssertEqual(yearly.variance.direction, .favorable)
        XCTAssertEqual(yearly.variance.size, .large)
        XCTAssertEqual(yearly.variance.response, "Reassess budget projections")
        let staging = line(usd, "Staging quarterly")
        XCTAssertTrue(staging.countsTowardTotal)
        XCTAssertEqual(staging.monthlyBudget, cents("33.33"), "the third month of its quarter")
        XCTAssertEqual(staging.actual, cents("40.00"))
        XCTAssertEqual(staging.variance.percentage, dec("20.01"))
        XCTAssertEqual(staging.variance.size, .medium)
        XCTAssertEqual(staging.variance.response, "Implement immediate cost controls")
    }

    func testATagBudgetHasTheCostItsTagsSelectAndNeverCountsTowardTheTotal() {
        var engineering = budget(8, "Engineering", on: Org.production, .monthly, amount: "250.00")
        engineering.tagFilters = [TagFilter(key: "Department", values: ["engineering"])]
        var builder = June.builder(budgets: June.budgets + [engineering])
        builder.taggedBudgetCosts = [engineering.id: cents("212.34")]
        let usd = section(builder.build(), "USD")
        let line = line(usd, "Engineering")
        XCTAssertEqual(line.actual, cents("212.34"), "what its tags select, not the connection's 314.54")
        XCTAssertEqual(line.tagFilters, engineering.tagFilters)
        XCTAssertFalse(line.serviceScoped)
        XCTAssertFalse(line.countsTowardTotal)
        XCTAssertEqual(usd.totalBudget, section(June.report(), "USD").totalBudget, "the connection-wide monthly budget still counts")
        builder.taggedBudgetCosts = [:]
        XCTAssertEqual(self.line(section(builder.build(), "USD"), "Engineering").actual, .zero, "no tagged cost is no cost")
    }

    func testKeyVariancesAreTheSignificantOnesLargestFirst() {
        XCTAssertEqual(section(June.report(), "USD").keyVariances.map(\.name), ["Production yearly", "Staging quarterly"])
        XCTAssertEqual(section(June.report(), "EUR").keyVariances.map(\.name), ["Azure monthly"])
    }

    func testConnectionLines() {
        let lines = section(June.report(), "USD").connections
        XCTAssertEqual(lines.map(\.name), ["Dev GCP", "Production AWS", "Staging AWS"])
        XCTAssertEqual(lines.map(\.cost), [cents("10.00"), cents("314.54"), cents("40.00")])
        XCTAssertEqual(lines.map(\.previousMonthCost), [.zero, cents("255.00"), cents("30.00")])
        XCTAssertEqual(lines.map(\.change), [nil, dec("23.35"), dec("33.33")], "no change from nothing")
        XCTAssertEqual(lines.map(\.share), [dec("2.74"), dec("86.28"), dec("10.97")])
        XCTAssertEqual(lines.map(\.budgeted), [false, true, true])
        XCTAssertEqual(lines.map(\.connectionId), [Org.development.id, Org.production.id, Org.staging.id])
    }

    func testServiceLinesLargestFirstWithTheirPreviousMonth() {
        let lines = section(June.report(), "USD").services
        XCTAssertEqual(lines.map(\.serviceName), ["Amazon EC2", "Amazon RDS", "AWS Lambda", "Amazon S3", "Compute Engine", "Amazon CloudFront"])
        XCTAssertEqual(lines.map(\.cost), ["200.00", "88.98", "40.00", "25.56", "10.00", "0.00"].map(cents))
        XCTAssertEqual(lines.map(\.previousMonthCost), ["180.00", "50.00", "30.00", "20.00", "0.00", "5.00"].map(cents))
        XCTAssertEqual(lines.map(\.change), [dec("11.11"), dec("77.96"), dec("33.33"), dec("27.8"), nil, dec("-100")])
        XCTAssertEqual(lines.map(\.share), [dec("54.86"), dec("24.41"), dec("10.97"), dec("7.01"), dec("2.74"), dec("0")])
        XCTAssertEqual(lines.map(\.connectionName), ["Production AWS", "Production AWS", "Staging AWS", "Production AWS", "Dev GCP",
                                                      "Production AWS"])
        XCTAssertEqual(lines[0].serviceId, Org.ec2)
        XCTAssertEqual(lines.map(\.cost).sum(), section(June.report(), "USD").totalCost, "the lines add up to the total")
    }

    func testBudgetAccuracyAndAdherence() {
        let usd = section(June.report(), "USD")
        XCTAssertEqual(usd.budgetAccuracy, Share(count: 2, total: 4))
        XCTAssertEqual(usd.budgetAccuracy.percentage, dec("50"))
        XCTAssertEqual(usd.budgetAdherence, Share(count: 1, total: 4))
        XCTAssertEqual(usd.budgetAdherence.percentage, dec("25"))
        let eur = section(June.report(), "EUR")
        XCTAssertEqual(eur.budgetAccuracy.percentage, dec("0"))
        XCTAssertEqual(eur.budgetAdherence.percentage, dec("100"))
    }

    func testRisksNameTheirSubjects() {
        XCTAssertEqual(section(June.report(), "USD").risks, [
            Risk(level: .high, subject: "All connections", reason: "cost grew 27.91 % over the previous month"),
            Risk(level: .high, subject: "Staging AWS", reason: "cost grew 33.33 % over the previous month"),
            Risk(level: .medium, subject: "Production yearly", reason: "37.09 % under its budget (a variance beyond 15 %)"),
            Risk(level: .medium, subject: "Staging quarterly", reason: "20.01 % over its budget (a variance beyond 15 %)"),
        ])
        XCTAssertEqual(section(June.report(), "EUR").risks, [
            Risk(level: .high, subject: "All connections", reason: "cost grew 50.00 % over the previous month"),
            Risk(level: .high, subject: "Azure EU", reason: "cost grew 50.00 % over the previous month"),
            Risk(level: .medium, subject: "Azure monthly", reason: "25.00 % under its budget (a variance beyond 15 %)"),
        ])
    }

    func testNextMonthAndQuarterByTheSameRuleAndTheRunRate() {
        let usd = section(June.report(), "USD")
        XCTAssertEqual(usd.nextMonth.start, day("2025-07-01"))
        XCTAssertEqual(usd.nextMonth.end, day("2025-07-31"))
        XCTAssertEqual(usd.nextMonth.budget, cents("348.34"), "300.00 + a new quarter's 33.34 + Dev GCP's budget from July 15.00")
        XCTAssertEqual(usd.nextMonth.projection, cents("341.00"), "330.00 over 30 days × 31")
        XCTAssertEqual(usd.nextMonth.method, "the daily run rate of the 30 complete days 2025-06-01 to 2025-06-30 × 31 days")
        XCTAssertEqual(usd.nextQuarter.start, day("2025-07-01"))
        XCTAssertEqual(usd.nextQuarter.end, day("2025-09-30"))
        XCTAssertEqual(usd.nextQuarter.budget, cents("1045.00"))
        XCTAssertEqual(usd.nextQuarter.projection, cents("1012.00"))
        XCTAssertEqual(usd.nextQuarter.method, "the daily run rate of the 30 complete days 2025-06-01 to 2025-06-30 × 92 days")
        let eur = section(June.report(), "EUR")
        XCTAssertEqual(eur.nextMonth.budget, cents("200.00"))
        XCTAssertEqual(eur.nextMonth.projection, cents("155.00"))
        XCTAssertEqual(eur.nextQuarter.budget, cents("600.00"))
        XCTAssertEqual(eur.nextQuarter.projection, cents("460.00"))
    }

    func testDaysAndTheDailyBudget() {
        let usd = section(June.report(), "USD")
        XCTAssertEqual(usd.days.count, 30)
        XCTAssertEqual(usd.days.first?.day, day("2025-06-01"))
        XCTAssertEqual(usd.days.last?.day, day("2025-06-30"))
        XCTAssertEqual(usd.days.map(\.cost), Array(repeating: cents("11.00"), count: 30), "May 31 is not June's")
        XCTAssertEqual(usd.dailyBudget, cents("11.11"))
        XCTAssertEqual(section(June.report(), "EUR").dailyBudget, cents("6.67"))
    }

    func testServiceHistoryOverSixMonths() {
        let history = section(June.report(), "USD").history
        XCTAssertEqual(history.months, ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"].map(firstOf))
        XCTAssertEqual(history.series.map(\.name), ["Amazon EC2", "Amazon RDS", "AWS Lambda", "Amazon S3", "Compute Engine", "Amazon CloudFront"])
        XCTAssertEqual(history.series[0].costs, ["1.00", "0", "0", "0", "180.00", "200.00"].map(cents))
        XCTAssertEqual(history.other, Array(repeating: .zero, count: 6))
        XCTAssertEqual(history.totals, ["1.00", "0", "0", "0", "285.00", "364.54"].map(cents))
    }

    func testExplanationsAreOnTheirBudgets() {
        let explanation = Explanation(budgetId: June.staging.id, text: "Load test", authorEmail: "editor@example.com",
                                      updatedAt: at("2025-07-02T09:00:00Z"))
        let usd = section(June.builder(explanations: [June.staging.id: explanation]).build(), "USD")
        XCTAssertEqual(line(usd, "Staging quarterly").explanation, explanation)
        XCTAssertNil(line(usd, "Production monthly").explanation)
    }

    func testTheMonthIsItsFirstDay() {
        let builder = MonthlyReportBuilder(organizationId: Org.id, month: day("2025-06-17"), now: at("2025-07-10T00:00:00Z"),
                                           connections: [], serviceNames: [:], budgets: [], monthly: [], daily: [], asOf: nil,
                                           explanations: [:])
        XCTAssertEqual(builder.month, day("2025-06-01"))
        XCTAssertEqual(builder.build().currencies, [])
    }

    // MARK: - A month still running

    func testAMonthStillRunningIsAReportToDate() {
        let report = June.builder(now: "2025-06-20T10:00:00Z").build()
        XCTAssertFalse(report.complete)
        let usd = section(report, "USD")
        XCTAssertEqual(usd.days.count, 20, "up to today")
        XCTAssertEqual(usd.days.last?.day, day("2025-06-20"))
        XCTAssertEqual(usd.nextMonth.method, "the daily run rate of the 30 complete days 2025-05-21 to 2025-06-19 × 31 days")
        XCTAssertEqual(usd.nextMonth.projection, cents("318.27"), "(19 × 11.00 + 99.00) ÷ 30 × 31")
    }

    func testTheLastMomentOfTheMonthIsStillRunning() {
        XCTAssertFalse(June.builder(now: "2025-06-30T23:59:59Z").build().complete)
        XCTAssertTrue(June.builder(now: "2025-07-01T00:00:00Z").build().complete)
    }

    // MARK: - Budgets that come and go

    func testABudgetDeletedDuringTheMonthStillCountsForIt() {
        let deleted = budget(20, "Dev monthly", on: Org.development, .monthly, amount: "12.00", deleted: "2025-06-15T08:00:00Z")
        let usd = section(June.builder(budgets: [June.production, deleted]).build(), "USD")
        XCTAssertEqual(usd.budgets.map(\.name), ["Dev monthly", "Production monthly"])
        XCTAssertTrue(line(usd, "Dev monthly").countsTowardTotal)
        XCTAssertEqual(usd.totalBudget, cents("312.00"))
        XCTAssertEqual(usd.unbudgetedCost, cents("40.00"), "only Staging AWS is unbudgeted")
        XCTAssertEqual(usd.nextMonth.budget, cents("300.00"), "it does not take part in July")
    }

    func testABudgetDeletedBeforeTheMonthDoesNotCount() {
        let deleted = budget(20, "Dev monthly", on: Org.development, .monthly, amount: "12.00", deleted: "2025-05-31T23:59:59Z")
        let usd = section(June.builder(budgets: [June.production, deleted]).build(), "USD")
        XCTAssertEqual(usd.budgets.map(\.name), ["Production monthly"])
        XCTAssertEqual(usd.totalBudget, cents("300.00"))
        XCTAssertEqual(usd.unbudgetedCost, cents("50.00"))
    }

    /// A past month's outlook follows the same rule as the next month's own report: a budget deleted
    /// during that next month still counts for it.
    func testAPastMonthsOutlookCountsABudgetDeletedDuringTheNextMonth() {
        let deleted = budget(20, "Staging monthly", on: Org.staging, .monthly, amount: "50.00", deleted: "2025-06-15T08:00:00Z")
        let budgets = [June.production, deleted]
        let may = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-05"), now: at("2025-07-10T00:00:00Z"),
                                       connections: Org.connections, serviceNames: Org.serviceNames, budgets: budgets,
                                       monthly: June.monthly, daily: June.daily, asOf: nil, explanations: [:]).build()
        let june = June.builder(budgets: budgets).build()
        XCTAssertEqual(section(june, "USD").totalBudget, cents("350.00"))
        XCTAssertEqual(section(may, "USD").nextMonth.budget, cents("350.00"))
        XCTAssertEqual(section(may, "USD").nextQuarter.budget, cents("900.00"), "July to September: it was gone by then")
    }

    // MARK: - The organization budget rule, unbudgeted cost, accuracy and adherence at their edges

    func testServiceBudgetsAloneLeaveTheConnectionUnbudgetedAndAccuracyAndAdherenceAtTheirEdges() {
        let aws = Org.production
        let monthly = [
            monthCost("2025-06", aws, Org.ec2, "110.00"), monthCost("2025-06", aws, Org.s3, "90.00"),
            monthCost("2025-06", aws, Org.rds, "100.00"), monthCost("2025-06", aws, Org.lambda, "110.01"),
        ]
        let budgets = [
            budget(31, "EC2 +10 %", on: aws, amount: "100.00", services: [Org.ec2]),
            budget(32, "S3 -10 %", on: aws, amount: "100.00", services: [Org.s3]),
            budget(33, "RDS on budget", on: aws, amount: "100.00", services: [Org.rds]),
            budget(34, "Lambda +10.01 %", on: aws, amount: "100.00", services: [Org.lambda]),
            budget(35, "S3 a cent under", on: aws, amount: "90.01", services: [Org.s3]),
            budget(36, "EC2 and RDS", on: aws, amount: "250.00", services: [Org.ec2, Org.rds]),
        ]
        let report = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"),
                                          connections: [aws], serviceNames: Org.serviceNames, budgets: budgets, monthly: monthly,
                                          daily: [], asOf: nil, explanations: [:]).build()
        let usd = section(report, "USD")
        XCTAssertEqual(usd.budgets.map(\.countsTowardTotal), Array(repeating: false, count: 6))
        XCTAssertEqual(usd.totalCost, cents("410.01"))
        XCTAssertEqual(usd.totalBudget, .zero)
        XCTAssertEqual(usd.budgetedCost, .zero)
        XCTAssertEqual(usd.unbudgetedCost, cents("410.01"))
        XCTAssertEqual(usd.variance.direction, .onBudget)
        XCTAssertNil(usd.variance.percentage)
        XCTAssertEqual(usd.connections.map(\.budgeted), [false])
        XCTAssertEqual(line(usd, "EC2 and RDS").actual, cents("210.00"))
        XCTAssertEqual(line(usd, "EC2 and RDS").variance.percentage, dec("-16"))
        // Accurate: |variance %| ≤ 10 — EC2 (10), S3 (-10), RDS (0), the cent under (-0.01); not Lambda (10.01) nor EC2 and RDS (-16).
        XCTAssertEqual(usd.budgetAccuracy, Share(count: 4, total: 6))
        XCTAssertEqual(usd.budgetAccuracy.percentage, dec("66.67"))
        // Adherent: not above budget — S3, RDS, the cent under, EC2 and RDS; not EC2 nor Lambda.
        XCTAssertEqual(usd.budgetAdherence, Share(count: 4, total: 6))
        XCTAssertTrue(line(usd, "Lambda +10.01 %").variance.isSignificant)
        XCTAssertFalse(line(usd, "EC2 +10 %").variance.isSignificant, "exactly 10 % is not above 10 %")
        XCTAssertEqual(usd.keyVariances.map(\.name), ["EC2 and RDS", "Lambda +10.01 %"])
        XCTAssertEqual(usd.nextMonth.budget, .zero)
        XCTAssertEqual(usd.nextMonth.projection, .zero)
    }

    func testAnEmptyMonthIsAnEmptyReportNotAnError() {
        let report = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"),
                                          connections: [Org.production], serviceNames: Org.serviceNames, budgets: [June.production],
                                          monthly: [], daily: [], asOf: nil, explanations: [:]).build()
        let usd = section(report, "USD")
        XCTAssertEqual(usd.totalCost, .zero)
        XCTAssertNil(usd.change)
        XCTAssertEqual(usd.services, [])
        XCTAssertEqual(usd.connections.map(\.share), [nil])
        XCTAssertEqual(usd.variance.amount, cents("-300.00"))
        XCTAssertEqual(usd.variance.percentage, dec("-100"))
        XCTAssertEqual(usd.nextMonth.projection, .zero, "30 measured days with no cost")
        XCTAssertEqual(usd.days.map(\.cost), Array(repeating: .zero, count: 30))
        XCTAssertEqual(usd.risks.map(\.level), [.medium])
    }

    func testTheHistoryKeepsTheLargestEightAndNamesSharedServicesByConnection() {
        let aws = Org.production
        let services = (0..<10).map { uuid(200 + $0) }
        var names = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($0.element, "Service \($0.offset)") })
        names[Org.s3] = "Amazon S3"
        names[Org.lambda] = "Amazon S3"
        var monthly = services.enumerated().map { monthCost("2025-06", aws, $0.element, "\(100 - $0.offset).00") }
        monthly.append(monthCost("2025-03", aws, services[9], "50.00"))
        monthly.append(monthCost("2025-06", aws, Org.s3, "500.00"))
        monthly.append(monthCost("2025-06", Org.staging, Org.lambda, "300.00"))
        let report = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"),
                                          connections: [aws, Org.staging], serviceNames: names, budgets: [], monthly: monthly, daily: [],
                                          asOf: nil, explanations: [:]).build()
        let history = section(report, "USD").history
        XCTAssertEqual(history.series.map(\.name), ["Amazon S3 (Production AWS)", "Amazon S3 (Staging AWS)", "Service 9", "Service 0",
                                                     "Service 1", "Service 2", "Service 3", "Service 4"], "Service 9 has 141.00 over six months")
        XCTAssertEqual(history.series[2].costs, ["0", "0", "50.00", "0", "0", "91.00"].map(cents))
        XCTAssertEqual(history.other, ["0", "0", "0", "0", "0", "374.00"].map(cents), "Services 5 to 8")
        XCTAssertEqual(history.totals[5], section(report, "USD").totalCost)
        let services2 = section(report, "USD").services.filter { $0.serviceName == "Amazon S3" }
        XCTAssertEqual(services2.map(\.connectionName), ["Production AWS", "Staging AWS"])
    }
}
