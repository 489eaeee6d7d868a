public import Foundation

/// Money and percentages written for people: `$50,000.00`, `€1,234.50`, `82.4 %`.
///
/// Deliberately independent of the server's locale, so pages and e-mails read the same everywhere.
public enum MoneyFormat {
    /// `12345.6` in USD → `$12,345.60`; unknown currencies are written as a code: `CHF 12,345.60`.
    public static func amount(_ value: Decimal, currency: String) -> String {
        let text = grouped(value.rounded(2), fractionDigits: 2)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let body: String
        switch currency.uppercased() {
        case "USD": body = "$" + digits
        case "EUR": body = "€" + digits
        case "GBP": body = "£" + digits
        case "JPY": body = "¥" + digits
        default: body = currency.uppercased() + "\u{00A0}" + digits
        }
        return negative ? "−" + body : body
    }

    /// `82.456` → `82.5 %` (one decimal, a thin no-break space before the sign).
    public static func percent(_ value: Decimal, fractionDigits: Int = 1) -> String {
        grouped(value.rounded(fractionDigits), fractionDigits: fractionDigits) + "\u{202F}%"
    }

    /// A threshold level: `80 %`, `82.5 %` (no decimals for a whole number).
    public static func level(_ percentage: Decimal) -> String {
        percent(percentage, fractionDigits: percentage == percentage.rounded(0) ? 0 : 1)
    }

    /// `1234567.5` → `1,234,567.50`.
    public static func grouped(_ value: Decimal, fractionDigits: Int) -> String {
        let text = value.rounded(fractionDigits).description
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let integer = String(parts.first ?? "0")
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < fractionDigits { fraction += String(repeating: "0", count: fractionDigits - fraction.count) }
        var groups: [String] = []
        var rest = Substring(integer)
        while rest.count > 3 {
            groups.insert(String(rest.suffix(3)), at: 0)
            rest = rest.dropLast(3)
        }
        groups.insert(String(rest), at: 0)
        let grouped = groups.joined(separator: ",")
        return (negative ? "-" : "") + grouped + (fractionDigits > 0 ? "." + fraction : "")
    }
}
