import BudgetCore
import Foundation
import Templating

/// Dates, money and statuses written for people on pages and in e-mails.
enum PageFormat {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1 Jun 2025`
    static func day(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// `Jun 2025`
    static func month(_ date: LocalDate) -> String { "\(months[date.month - 1]) \(date.year)" }

    /// `1 Jun – 30 Jun 2025`
    static func period(_ period: BudgetPeriod) -> String {
        period.start.year == period.end.year
            ? "\(period.start.day) \(months[period.start.month - 1]) – \(day(period.end))"
            : "\(day(period.start)) – \(day(period.end))"
    }

    /// `15 Jun 2025, 10:30 UTC`
    static func timestamp(_ date: Date) -> String {
        let iso = UTCTimestamp.iso8601(date)
        let day = LocalDate(date)
        return "\(self.day(day)), \(iso.dropFirst(11).prefix(5)) UTC"
    }

    static func statusLabel(_ status: BudgetStatus) -> String {
        switch status {
        case .active: "On track"
        case .warning: "Warning"
        case .exceeded: "Exceeded"
        case .inactive: "Not started"
        }
    }

    /// The utilization bar: SVG with presentation attributes, so no inline style is needed (the
    /// Content-Security-Policy forbids it). The bar stops at 100 % wide; the text says the rest.
    static func meter(_ utilization: Decimal, status: BudgetStatus) -> TemplateValue {
        let width = min(max(utilization, 0), 100).rounded(1)
        return ["width": .string(width.plainText), "status": .string(status.rawValue),
                "label": .string(MoneyFormat.percent(utilization))]
    }
}
