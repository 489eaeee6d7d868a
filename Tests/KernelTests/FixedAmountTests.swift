@testable import Kernel
import Foundation
import Testing

@Suite("Fixed-point amounts")
struct FixedAmountTests {
    func parse(_ text: String) -> FixedAmount? {
        Array(text.utf8).withUnsafeBufferPointer { FixedAmount($0) }
    }

    @Test(
        "reads FOCUS amounts exactly",
        arguments: [
            ("0.00000080000", 80_000, "0.00000080000"),
            ("-0.00001605990", -1_605_990, "-0.00001605990"),
            ("12", 1_200_000_000_000, "12"),
            ("+3.5", 350_000_000_000, "3.5"),
            ("1.5E-7", 15_000, "0.00000015000"),
            ("2e3", 200_000_000_000_000, "2000.00000000000"),
            ("0.123456789012345", 12_345_678_901, "0.12345678901"),
            ("0.000000000005", 1, "0.00000000001"),
            ("-0.000000000005", -1, "-0.00000000001"),
            (".5", 50_000_000_000, ".5"),
            ("999999999999.99999999999", 99_999_999_999_999_999_999_999, "999999999999.99999999999"),
        ] as [(String, Int128, String)])
    func exact(text: String, scaled: Int128, stored: String) throws {
        let amount = try #require(parse(text))
        #expect(amount.scaled == scaled)
        #expect(amount.text == stored)
    }

    @Test("refuses what is not an amount, or too large for the column", arguments: [
        "", "-", ".", "abc", "1.2.3", "1e", "1e1000", "1000000000000", "12abc", "1,5", "NaN",
        String(repeating: "9", count: 60), "0." + String(repeating: "7", count: 60),
    ])
    func refuses(text: String) {
        #expect(parse(text) == nil)
    }

    @Test("sums may exceed one line item's column, up to what Int128 holds")
    func sums() throws {
        #expect(FixedAmount("1200000000000.5") == nil)
        let sum = try #require(FixedAmount("1200000000000.5", limit: FixedAmount.sumLimit))
        #expect(sum.scaled == 120_000_000_000_050_000_000_000)
        #expect(FixedAmount(String(repeating: "9", count: 30), limit: FixedAmount.sumLimit) == nil)
    }

    @Test("totals print exactly")
    func format() {
        #expect(FixedAmount.format(2_052_022_672_899) == "20.52022672899")
        #expect(FixedAmount.format(-5) == "-0.00000000005")
        #expect(FixedAmount.decimal(2_052_022_672_899).description == "20.52022672899")
    }
}
