import Foundation
import Kernel
import Reporting
import XCTest

/// Run rate, outlook windows and the risk assessment (section 6.3).
final class ProjectionTests: XCTestCase {
    // MARK: - Run rate

    func testTheRunRateProjectsTheDailyCostOverThePeriod() {
        let rate = RunRate(from: day("2025-06-01"), to: day("2025-07-01"), cost: cents("330.00"))
        XCTAssertEqual(rate.days, 30)
        XCTAssertEqual(rate.projection(days: 31), cents("341.00"))
        XCTAssertEqual(rate.projection(days: 92), cents("1012.00"))
        XCTAssertEqual(rate.projection(days: 30), cents("330.00"))
    }

    func testTheProjectionIsRoundedToTheCentOnce() {
        XCTAssertEqual(RunRate(from: day("2025-06-01"), to: day("2025-07-01"), cost: cents("100.00")).projection(days: 31), cents("103.33"))
        XCTAssertEqual(RunRate(from: day("2025-06-01"), to: day("2025-06-04"), cost: cents("2.00")).projection(days: 1), cents("0.67"))
        XCTAssertEqual(RunRate(from: day("2025-06-01"), to: day("2025-06-03"), cost: cents("0.01")).projection(days: 1), cents("0.01"))
    }

    func testNoMeasuredDayMeansNoProjection() {
        XCTAssertNil(RunRate(from: day("2025-06-01"), to: day("2025-06-01"), cost: .zero).projection(days: 30))
    }

    func testTheMethodSaysWhatWasMeasured() {
        let rate = RunRate(from: day("2025-06-01"), to: day("2025-07-01"), cost: cents("330.00"))
        XCTAssertEqual(rate.method(days: 31), "the daily run rate of the 30 complete days 2025-06-01 to 2025-06-30 × 31 days")
        XCTAssertEqual(RunRate.windowDays, 30)
    }

    func testTheWindowIsTheThirtyDaysBeforeTheMonthsEndOrBeforeToday() {
        let complete = MonthlyReportBuilder.runRateWindow(of: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"))
        XCTAssertEqual(complete.from, day("2025-06-01"))
        XCTAssertEqual(complete.to, day("2025-07-01"))
        let running = MonthlyReportBuilder.runRateWindow(of: firstOf("2025-06"), now: at("2025-06-20T10:00:00Z"))
        XCTAssertEqual(running.from, day("2025-05-21"))
        XCTAssertEqual(running.to, day("2025-06-20"), "today's charges are still coming in")
        let march = MonthlyReportBuilder.runRateWindow(of: firstOf("2025-03"), now: at("2025-04-01T00:00:00Z"))
        XCTAssertEqual(march.from, day("2025-03-02"))
        XCTAssertEqual(march.to, day("2025-04-01"))
    }

    func testTheNextQuarterIsTheCalendarQuarterAfter() {
        let expected = [("2025-01", "2025-04-01"), ("2025-03", "2025-04-01"), ("2025-04", "2025-07-01"), ("2025-06", "2025-07-01"),
                        ("2025-07", "2025-10-01"), ("2025-11", "2026-01-01"), ("2025-12", "2026-01-01")]
        for (month, start) in expected {
            XCTAssertEqual(MonthlyReportBuilder.nextQuarter(after: firstOf(month)), day(start), month)
        }
    }

    func testTheHistoryStartsFiveMonthsBefore() {
        XCTAssertEqual(MonthlyReportBuilder.historyStart(of: firstOf("2025-06")), day("2025-01-01"))
        XCTAssertEqual(MonthlyReportBuilder.historyStart(of: day("2025-03-15")), day("2024-10-01"))
    }

    // MARK: - Risk

    func variance(_ actual: String, _ budget: String) -> Variance { Variance(actual: cents(actual), budget: cents(budget)) }

    func testNothingAboveTheLinesIsOneLowRisk() {
        let risks = Risk.assess(totalChange: dec("25"), connections: [("Production AWS", dec("25")), ("Dev GCP", nil)],
                                budgets: [("Monthly", variance("115.00", "100.00")), ("Yearly", variance("85.00", "100.00"))])
        XCTAssertEqual(risks, [Risk(level: .low, subject: "All connections",
                                    reason: "cost grew at most 25 % over the previous month and every variance is within 15 %")])
    }

    func testCostGrowingMoreThanAQuarterIsAHighRisk() {
        let risks = Risk.assess(totalChange: dec("25.01"), connections: [("Production AWS", dec("30")), ("Staging AWS", dec("25"))],
                                budgets: [])
        XCTAssertEqual(risks, [
            Risk(level: .high, subject: "All connections", reason: "cost grew 25.01 % over the previous month"),
            Risk(level: .high, subject: "Production AWS", reason: "cost grew 30.00 % over the previous month"),
        ])
    }

    func testAChangeFromNothingIsNoRisk() {
        let risks = Risk.assess(totalChange: nil, connections: [("New", nil)], budgets: [])
        XCTAssertEqual(risks.map(\.level), [.low])
    }

    func testAVarianceBeyondFifteenPercentEitherWayIsAMediumRisk() {
        let risks = Risk.assess(totalChange: dec("3"), connections: [],
                                budgets: [("Over", variance("115.01", "100.00")), ("Under", variance("79.50", "100.00")),
                                          ("Within", variance("115.00", "100.00")), ("Zero", variance("0.00", "0.00"))])
        XCTAssertEqual(risks, [
            Risk(level: .medium, subject: "Over", reason: "15.01 % over its budget (a variance beyond 15 %)"),
            Risk(level: .medium, subject: "Under", reason: "20.50 % under its budget (a variance beyond 15 %)"),
        ])
    }

    func testHighRisksComeBeforeMediumOnes() {
        let risks = Risk.assess(totalChange: dec("40"), connections: [("Production AWS", dec("1234.5"))],
                                budgets: [("Staging quarterly", variance("40.00", "33.33"))])
        XCTAssertEqual(risks.map(\.level), [.high, .high, .medium])
        XCTAssertEqual(risks.map(\.subject), ["All connections", "Production AWS", "Staging quarterly"])
        XCTAssertEqual(risks[1].reason, "cost grew 1,234.50 % over the previous month")
        XCTAssertEqual(risks[2].reason, "20.01 % over its budget (a variance beyond 15 %)")
    }

    func testLevelNames() {
        XCTAssertEqual([Risk.Level.high, .medium, .low].map(\.rawValue), ["high", "medium", "low"])
    }

    // MARK: - Outlook

    func testAnOutlookKeepsItsFigures() {
        let outlook = Outlook(start: day("2025-07-01"), end: day("2025-09-30"), budget: cents("1045.00"), projection: nil, method: "m")
        XCTAssertEqual(outlook.budget, cents("1045.00"))
        XCTAssertNil(outlook.projection)
        XCTAssertEqual(outlook.start.days(until: outlook.end) + 1, 92)
    }
}
