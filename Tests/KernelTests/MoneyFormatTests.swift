import Foundation
import Kernel
import Testing

/// Money as people read it: each currency with its own minor units, never the server's locale.
@Suite("Money format")
struct MoneyFormatTests {
    @Test("two decimals for the dollar and the euro, none for the yen and the won, three for the dinar")
    func minorUnits() {
        #expect(MoneyFormat.amount(Decimal(string: "12345.6")!, currency: "USD") == "$12,345.60")
        #expect(MoneyFormat.amount(150_000, currency: "JPY") == "¥150,000")
        #expect(MoneyFormat.amount(Decimal(string: "1499.5")!, currency: "JPY") == "¥1,500")
        #expect(MoneyFormat.amount(Decimal(string: "-35.46")!, currency: "EUR") == "−€35.46")
        #expect(MoneyFormat.amount(Decimal(string: "1.25")!, currency: "KWD") == "KWD\u{00A0}1.250")
        #expect(MoneyFormat.amount(Decimal(string: "9999.999")!, currency: "krw") == "KRW\u{00A0}10,000")
        #expect(MoneyFormat.minorUnits("CHF") == 2)
    }
}
