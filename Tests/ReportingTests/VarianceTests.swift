import Foundation
import Kernel
import Reporting
import XCTest

final class VarianceTests: XCTestCase {
    typealias Size = Variance.Size

    func testSizeBoundariesByTheMagnitudeOfThePercentage() {
        let expected: [(String, Size)] = [
            ("0", .small), ("9.99", .small), ("10", .medium), ("10.00", .medium), ("10.01", .medium), ("24.99", .medium), ("25", .medium),
            ("25.00", .medium), ("25.01", .large), ("100", .large), ("-9.99", .small), ("-10", .medium), ("-25", .medium), ("-25.01", .large),
        ]
        for (percentage, size) in expected {
            XCTAssertEqual(Size(percentage: dec(percentage)), size, percentage)
        }
    }

    /// Against a budget of 100.00, from the actual up to the response, across both boundaries either way.
    func testEachDirectionAndSizeCarriesTheFrameworksResponse() {
        let budget = cents("100.00")
        let expected: [(actual: String, percentage: String, Variance.Direction, Size, String)] = [
            ("109.99", "9.99", .unfavorable, .small, "Monitor and explain"),
            ("110.00", "10", .unfavorable, .medium, "Implement immediate cost controls"),
            ("125.00", "25", .unfavorable, .medium, "Implement immediate cost controls"),
            ("125.01", "25.01", .unfavorable, .large, "Executive review and intervention"),
            ("90.01", "-9.99", .favorable, .small, "Document and continue monitoring"),
            ("90.00", "-10", .favorable, .medium, "Investigate for sustainability"),
            ("75.00", "-25", .favorable, .medium, "Investigate for sustainability"),
            ("74.99", "-25.01", .favorable, .large, "Reassess budget projections"),
            ("0.00", "-100", .favorable, .large, "Reassess budget projections"),
        ]
        for (actual, percentage, direction, size, response) in expected {
            let variance = Variance(actual: cents(actual), budget: budget)
            XCTAssertEqual(variance.amount, cents(actual) - budget, actual)
            XCTAssertEqual(variance.percentage, dec(percentage), actual)
            XCTAssertEqual(variance.direction, direction, actual)
            XCTAssertEqual(variance.size, size, actual)
            XCTAssertEqual(variance.response, response, actual)
        }
    }

    func testOnBudget() {
        let variance = Variance(actual: cents("314.54"), budget: cents("314.54"))
        XCTAssertEqual(variance.amount, .zero)
        XCTAssertEqual(variance.percentage, dec("0"))
        XCTAssertEqual(variance.direction, .onBudget)
        XCTAssertEqual(variance.direction.rawValue, "on budget")
        XCTAssertEqual(variance.size, .small)
        XCTAssertEqual(variance.response, "Continue monitoring")
        XCTAssertFalse(variance.isSignificant)
    }

    func testAmountAndPercentageOfAnOrdinaryMonth() {
        let variance = Variance(actual: cents("314.54"), budget: cents("300.00"))
        XCTAssertEqual(variance.amount, cents("14.54"))
        XCTAssertEqual(variance.percentage, dec("4.85"))
        let quarterly = Variance(actual: cents("40.00"), budget: cents("33.33"))
        XCTAssertEqual(quarterly.amount, cents("6.67"))
        XCTAssertEqual(quarterly.percentage, dec("20.01"))
        XCTAssertEqual(quarterly.size, .medium)
    }

    /// The size is that of the percentage as shown (two decimals): 9.999 % is shown as 10.00 %, medium.
    func testTheSizeFollowsTheShownPercentage() {
        let variance = Variance(actual: cents("1099.99"), budget: cents("1000.00"))
        XCTAssertEqual(variance.percentage, dec("10"))
        XCTAssertEqual(variance.size, .medium)
        let below = Variance(actual: cents("1099.94"), budget: cents("1000.00"))
        XCTAssertEqual(below.percentage, dec("9.99"))
        XCTAssertEqual(below.size, .small)
    }

    func testSignificantMeansAboveTenPercentEitherWay() {
        let budget = cents("100.00")
        XCTAssertFalse(Variance(actual: cents("110.00"), budget: budget).isSignificant)
        XCTAssertTrue(Variance(actual: cents("110.01"), budget: budget).isSignificant)
        XCTAssertFalse(Variance(actual: cents("90.00"), budget: budget).isSignificant)
        XCTAssertTrue(Variance(actual: cents("89.99"), budget: budget).isSignificant)
        XCTAssertFalse(Variance(actual: cents("105.00"), budget: budget).isSignificant)
    }

    func testAZeroBudgetHasNoPercentage() {
        let nothing = Variance(actual: .zero, budget: .zero)
        XCTAssertNil(nothing.percentage)
        XCTAssertEqual(nothing.direction, .onBudget)
        XCTAssertEqual(nothing.size, .small)
        XCTAssertFalse(nothing.isSignificant)
        let spent = Variance(actual: cents("5.00"), budget: .zero)
        XCTAssertNil(spent.percentage)
        XCTAssertEqual(spent.amount, cents("5.00"))
        XCTAssertEqual(spent.direction, .unfavorable)
        XCTAssertEqual(spent.size, .large)
        XCTAssertEqual(spent.response, "Executive review and intervention")
        XCTAssertTrue(spent.isSignificant)
    }

    func testNamesAsTheJSONCarriesThem() {
        XCTAssertEqual(Variance.Direction.favorable.rawValue, "favorable")
        XCTAssertEqual(Variance.Direction.unfavorable.rawValue, "unfavorable")
        XCTAssertEqual([Size.small, .medium, .large].map(\.rawValue), ["small", "medium", "large"])
    }
}
