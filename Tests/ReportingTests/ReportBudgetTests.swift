import Foundation
import Kernel
import Reporting
import XCTest

final class ReportBudgetTests: XCTestCase {
    let connection = Org.production

    func share(_ b: ReportBudget, _ month: String) -> Cents? { b.monthlyShare(of: firstOf(month)) }

    func testAMonthlyBudgetsShareIsItsAmount() {
        let b = budget(1, "Monthly", on: connection, .monthly, amount: "314.54", start: "2025-01")
        XCTAssertEqual(share(b, "2025-01"), cents("314.54"))
        XCTAssertEqual(share(b, "2025-06"), cents("314.54"))
        XCTAssertEqual(share(b, "2026-02"), cents("314.54"))
    }

    func testAQuarterlyHundredIsThreeSharesTheEarliestMonthTakingTheRemainder() {
        let b = budget(1, "Quarterly", on: connection, .quarterly, amount: "100.00", start: "2025-01")
        XCTAssertEqual(["2025-01", "2025-02", "2025-03"].map { share(b, $0) }, [cents("33.34"), cents("33.33"), cents("33.33")])
        XCTAssertEqual(["2025-04", "2025-05", "2025-06"].map { share(b, $0) }, [cents("33.34"), cents("33.33"), cents("33.33")])
    }

    func testQuarterlyPeriodsRecurFromTheStartMonthAcrossTheYear() {
        let b = budget(1, "Quarterly", on: connection, .quarterly, amount: "100.00", start: "2024-11")
        XCTAssertEqual(["2024-11", "2024-12", "2025-01", "2025-02"].map { share(b, $0) },
                       [cents("33.34"), cents("33.33"), cents("33.33"), cents("33.34")])
    }

    func testAYearlyThousandIsTwelveSharesAddingUpExactly() {
        let b = budget(1, "Yearly", on: connection, .yearly, amount: "1000.00", start: "2025-01")
        let months = (0..<12).map { firstOf("2025-01").adding(months: $0) }
        let shares = months.compactMap { b.monthlyShare(of: $0) }
        XCTAssertEqual(shares.map(\.plainText), Array(repeating: "83.34", count: 4) + Array(repeating: "83.33", count: 8))
        XCTAssertEqual(shares.sum(), cents("1000.00"))
        XCTAssertEqual(share(b, "2026-01"), cents("83.34"), "the next period starts again with the remainder")
    }

    func testAYearlyPeriodStartingInJulyGivesJulyTheRemainder() {
        let b = budget(1, "Yearly", on: connection, .yearly, amount: "1000.00", start: "2025-07")
        XCTAssertEqual(share(b, "2025-07"), cents("83.34"))
        XCTAssertEqual(share(b, "2025-10"), cents("83.34"))
        XCTAssertEqual(share(b, "2025-11"), cents("83.33"))
        XCTAssertEqual(share(b, "2026-01"), cents("83.33"))
        XCTAssertEqual(share(b, "2026-07"), cents("83.34"))
    }

    func testTheSharesOfOnePeriodAlwaysAddUpToTheAmount() {
        let amounts = ["0.01", "0.02", "0.11", "1.00", "99.99", "100.00", "100.01", "333.33", "999.99", "1000.00", "1234.56", "12345.67",
                       "50000.00", "87654321.09"]
        for range in [TimeRange.monthly, .quarterly, .yearly] {
            for amount in amounts {
                let b = budget(1, "B", on: connection, range, amount: amount, start: "2024-11")
                for period in 0..<2 {
                    let first = firstOf("2024-11").adding(months: period * range.months)
                    let shares = (0..<range.months).map { b.monthlyShare(of: first.adding(months: $0))! }
                    XCTAssertEqual(shares.sum(), cents(amount), "\(range) \(amount) period \(period)")
                    XCTAssertEqual(shares, shares.sorted(by: >), "earliest months first: \(range) \(amount)")
                }
            }
        }
    }

    func testTheAmountIsRoundedToTheCentBeforeItIsSplit() {
        let b = budget(1, "Quarterly", on: connection, .quarterly, amount: "100.005", start: "2025-01")
        XCTAssertEqual(["2025-01", "2025-02", "2025-03"].map { share(b, $0) }, [cents("33.34"), cents("33.34"), cents("33.33")])
    }

    func testABudgetTakesPartFromItsStartMonthOn() {
        let b = budget(1, "June on", on: connection, .monthly, amount: "50.00", start: "2025-06")
        XCTAssertFalse(b.takesPart(in: firstOf("2025-05")))
        XCTAssertNil(share(b, "2025-05"))
        XCTAssertTrue(b.takesPart(in: firstOf("2025-06")))
        XCTAssertEqual(share(b, "2025-06"), cents("50.00"))
        XCTAssertTrue(b.takesPart(in: firstOf("2027-01")))
    }

    func testOneDeletedDuringAMonthStillCountsForThatMonthOnly() {
        let b = budget(1, "Deleted", on: connection, .monthly, amount: "50.00", start: "2025-01", deleted: "2025-06-15T12:00:00Z")
        XCTAssertTrue(b.takesPart(in: firstOf("2025-05")))
        XCTAssertTrue(b.takesPart(in: firstOf("2025-06")))
        XCTAssertEqual(share(b, "2025-06"), cents("50.00"))
        XCTAssertFalse(b.takesPart(in: firstOf("2025-07")))
        XCTAssertNil(share(b, "2025-07"))
    }

    func testTheMonthsEdgesDecideWhetherADeletedBudgetCounts() {
        let atFirstMoment = budget(1, "B", on: connection, amount: "50.00", deleted: "2025-06-01T00:00:00Z")
        XCTAssertTrue(atFirstMoment.takesPart(in: firstOf("2025-06")), "deleted during June")
        XCTAssertFalse(atFirstMoment.takesPart(in: firstOf("2025-07")))
        let atLastMoment = budget(2, "B", on: connection, amount: "50.00", deleted: "2025-05-31T23:59:59Z")
        XCTAssertTrue(atLastMoment.takesPart(in: firstOf("2025-05")))
        XCTAssertFalse(atLastMoment.takesPart(in: firstOf("2025-06")), "deleted before June")
    }

    func testADeletedQuarterlyBudgetKeepsItsShareOfTheMonthItWasDeletedIn() {
        let b = budget(1, "Quarterly", on: connection, .quarterly, amount: "100.00", start: "2025-04", deleted: "2025-05-02T08:00:00Z")
        XCTAssertEqual(share(b, "2025-04"), cents("33.34"))
        XCTAssertEqual(share(b, "2025-05"), cents("33.33"))
        XCTAssertNil(share(b, "2025-06"))
    }

    func testConnectionWideMeansNoServiceSelection() {
        XCTAssertTrue(budget(1, "B", on: connection, amount: "1.00").isConnectionWide)
        XCTAssertFalse(budget(2, "B", on: connection, amount: "1.00", services: [Org.s3]).isConnectionWide)
    }
}
