import Foundation
import Kernel
import Reporting
import XCTest

final class PercentagesTests: XCTestCase {
    func testAPartOfAWholeHasTwoDecimalsHalvesAwayFromZero() {
        XCTAssertEqual(Percentages.of(Cents(1), in: Cents(3)), dec("33.33"))
        XCTAssertEqual(Percentages.of(Cents(2), in: Cents(3)), dec("66.67"))
        XCTAssertEqual(Percentages.of(Cents(1), in: Cents(8)), dec("12.5"))
        XCTAssertEqual(Percentages.of(Cents(1), in: Cents(20_000)), dec("0.01"), "0.005 rounds up")
        XCTAssertEqual(Percentages.of(Cents(-1), in: Cents(20_000)), dec("-0.01"), "-0.005 rounds away from zero")
        XCTAssertEqual(Percentages.of(Cents(1), in: Cents(200_001)), dec("0"))
        XCTAssertEqual(Percentages.of(Cents(31454), in: Cents(31454)), dec("100"))
    }

    func testAPartOfNothingHasNoPercentage() {
        XCTAssertNil(Percentages.of(Cents(100), in: .zero))
        XCTAssertNil(Percentages.of(.zero, in: .zero))
    }

    func testChangeIsAgainstThePreviousFigure() {
        XCTAssertEqual(Percentages.change(from: Cents(10_000), to: Cents(12_500)), dec("25"))
        XCTAssertEqual(Percentages.change(from: Cents(10_000), to: Cents(12_501)), dec("25.01"))
        XCTAssertEqual(Percentages.change(from: Cents(28_500), to: Cents(36_454)), dec("27.91"))
        XCTAssertEqual(Percentages.change(from: Cents(10_000), to: .zero), dec("-100"))
        XCTAssertEqual(Percentages.change(from: Cents(3_000), to: Cents(2_000)), dec("-33.33"))
        XCTAssertEqual(Percentages.change(from: Cents(500), to: Cents(500)), dec("0"))
    }

    func testChangeIsNullWhenThePreviousFigureIsZero() {
        XCTAssertNil(Percentages.change(from: .zero, to: Cents(1_000)))
        XCTAssertNil(Percentages.change(from: .zero, to: .zero))
    }

    func testShares() {
        XCTAssertEqual(Share(count: 9, total: 10).percentage, dec("90"))
        XCTAssertEqual(Share(count: 2, total: 3).percentage, dec("66.67"))
        XCTAssertEqual(Share(count: 1, total: 3).percentage, dec("33.33"))
        XCTAssertEqual(Share(count: 0, total: 4).percentage, dec("0"))
        XCTAssertNil(Share(count: 0, total: 0).percentage)
    }
}
