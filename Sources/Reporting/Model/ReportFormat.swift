public import Foundation
public import Kernel

/// Report figures written for people, the same on the page and in the e-mail: money in its
/// currency, percentages with two decimals, variances with their sign.
public enum ReportFormat {
    public static func money(_ cents: Cents, _ currency: String) -> String { MoneyFormat.amount(cents.decimal, currency: currency) }

    /// `+$12.00`, `−$3.50`, `$0.00`.
    public static func signedMoney(_ cents: Cents, _ currency: String) -> String {
        (cents.value > 0 ? "+" : "") + money(cents, currency)
    }

    /// `12.34 %`, `+12.34 %` when `signed`; `—` for no figure.
    public static func percent(_ value: Decimal?, signed: Bool = false) -> String {
        guard let value else { return "—" }
        let text = MoneyFormat.percent(value, fractionDigits: 2)
        if value < 0 { return "−" + text.dropFirst() }
        return (signed && value > 0 ? "+" : "") + text
    }

    /// `+$40.00 (+11.43 %), unfavorable, medium`.
    public static func variance(_ v: Variance, _ currency: String) -> String {
        "\(signedMoney(v.amount, currency)) (\(percent(v.percentage, signed: true))), \(v.direction.rawValue), \(v.size.rawValue)"
    }
}
