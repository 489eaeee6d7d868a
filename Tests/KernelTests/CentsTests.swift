import Foundation
import Kernel
import XCTest

private func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
private func cents(_ text: String) -> Cents { Cents(rounding: dec(text)) }

final class CentsTests: XCTestCase {
    func testRoundsToTheNearestCentHalvesAwayFromZero() {
        XCTAssertEqual(cents("12.345").value, 1235)
        XCTAssertEqual(cents("12.344").value, 1234)
        XCTAssertEqual(cents("12.3449999").value, 1234)
        XCTAssertEqual(cents("0.005").value, 1)
        XCTAssertEqual(cents("0.00499999999").value, 0)
        XCTAssertEqual(cents("-0.005").value, -1)
        XCTAssertEqual(cents("-12.345").value, -1235)
        XCTAssertEqual(cents("0.00001605990").value, 0)
        XCTAssertEqual(cents("314.53999999999").value, 31454)
        XCTAssertEqual(cents("0").value, 0)
    }

    func testKeepsEveryCentOfLargeAmounts() {
        XCTAssertEqual(cents("12345678901.23").value, 1_234_567_890_123)
        XCTAssertEqual(cents("99999999999.99").value, 9_999_999_999_999)
        XCTAssertEqual(cents("-98765432109.87").value, -9_876_543_210_987)
    }

    /// Two-decimal amounts come back as exactly their cents (no binary floating point on the way).
    func testTwoDecimalAmountsAreExact() {
        for value in stride(from: -200_003, through: 200_003, by: 7) {
            XCTAssertEqual(Cents(rounding: Decimal(value) / 100).value, Int64(value), "\(value)")
        }
        for text in ["0.07", "0.29", "0.57", "1.15", "4.35", "8.20", "19.99", "1234567.89", "1000000000.01"] {
            XCTAssertEqual(cents(text).plainText, text)
        }
    }

    func testPlainTextHasTwoDecimalsAndNoGrouping() {
        XCTAssertEqual(Cents(1250).plainText, "12.50")
        XCTAssertEqual(Cents(5).plainText, "0.05")
        XCTAssertEqual(Cents(-5).plainText, "-0.05")
        XCTAssertEqual(Cents(-100).plainText, "-1.00")
        XCTAssertEqual(Cents(0).plainText, "0.00")
        XCTAssertEqual(Cents(123_456_789).plainText, "1234567.89")
        XCTAssertEqual(Cents(31454).description, "314.54")
    }

    func testDecimalAndArithmetic() {
        XCTAssertEqual(Cents(1250).decimal, dec("12.5"))
        XCTAssertEqual(Cents(-1).decimal, dec("-0.01"))
        XCTAssertEqual((Cents(1000) + Cents(234)).value, 1234)
        XCTAssertEqual((Cents(1000) - Cents(1234)).value, -234)
        XCTAssertTrue(Cents(-1) < Cents.zero)
        XCTAssertEqual([Cents(1), Cents(2), Cents(-4)].sum(), Cents(-1))
        XCTAssertEqual([Cents]().sum(), .zero)
    }

    func testAQuarterlyHundredSplitsIntoThreeSharesEarliestFirst() {
        XCTAssertEqual(Cents(10_000).split(into: 3), [Cents(3334), Cents(3333), Cents(3333)])
        XCTAssertEqual(Cents(10_001).split(into: 3), [Cents(3334), Cents(3334), Cents(3333)])
        XCTAssertEqual(Cents(2).split(into: 3), [Cents(1), Cents(1), Cents(0)])
    }

    func testAYearlyThousandSplitsIntoTwelveSharesAddingUpExactly() {
        let shares = Cents(100_000).split(into: 12)
        XCTAssertEqual(shares.count, 12)
        XCTAssertEqual(shares.map(\.value), [8334, 8334, 8334, 8334, 8333, 8333, 8333, 8333, 8333, 8333, 8333, 8333])
        XCTAssertEqual(shares.sum(), Cents(100_000))
    }

    func testSplittingIntoOnePartIsTheAmount() {
        XCTAssertEqual(Cents(31454).split(into: 1), [Cents(31454)])
    }

    func testSharesAlwaysAddUpToTheAmountAndDifferByAtMostOneCent() {
        let amounts: [Int64] = [0, 1, 2, 5, 11, 99, 100, 101, 1_199, 10_000, 33_333, 100_001, 123_457, 99_999_999, 1_234_567_890_123]
        for amount in amounts {
            for parts in [1, 3, 12] {
                let shares = Cents(amount).split(into: parts)
                XCTAssertEqual(shares.count, parts)
                XCTAssertEqual(shares.sum(), Cents(amount), "\(amount) in \(parts)")
                XCTAssertLessThanOrEqual(shares.map(\.value).max()! - shares.map(\.value).min()!, 1, "\(amount) in \(parts)")
                XCTAssertEqual(shares, shares.sorted(by: >), "the remainder goes to the earliest shares: \(amount) in \(parts)")
            }
        }
    }

    func testANegativeAmountSplitsTheSameWay() {
        XCTAssertEqual(Cents(-10_000).split(into: 3), [Cents(-3334), Cents(-3333), Cents(-3333)])
        XCTAssertEqual(Cents(-100_000).split(into: 12).sum(), Cents(-100_000))
    }
}
