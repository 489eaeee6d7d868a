public import Foundation

/// Money and percentages written for people: `$50,000.00`, `€1,234.50`, `82.4 %`.
///
/// Deliberately independent of the server's locale, so pages and e-mails read the same everywhere.
public enum MoneyFormat {
    /// `12345.6` in USD → `$12,345.60`, `150000` in JPY → `¥150,000` (each currency with its own minor
    /// units); other currencies are written as a code: `CHF 12,345.60`, `KWD 1.250`.
    public static func amount(_ value: Decimal, currency: String) -> String {
        let digits = minorUnits(currency)
        let text = grouped(value.rounded(digits), fractionDigits: digits)
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let body: String
        switch currency.uppercased() {
        case "USD": body = "$" + unsigned
        case "EUR": body = "€" + unsigned
        case "GBP": body = "£" + unsigned
        case "JPY": body = "¥" + unsigned
        default: body = currency.uppercased() + "\u{00A0}" + unsigned
        }
        return negative ? "−" + body : body
    }

    /// The decimals a currency is written with (ISO 4217's minor units): 0 for the yen or the won,
    /// 3 for the Kuwaiti dinar, 2 for the others.
    public static func minorUnits(_ currency: String) -> Int {
        switch currency.uppercased() {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
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
