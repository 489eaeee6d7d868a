import Kernel
import Foundation
import Templating

/// Statuses and meters written for people on pages (dates: `DateFormat`, money: `MoneyFormat`).
enum PageFormat {
    static func statusLabel(_ status: BudgetStatus) -> String {
        switch status {
        case .active: "On track"
        case .warning: "Warning"
        case .exceeded: "Exceeded"
        case .inactive: "Not started"
        }
    }

    /// The utilization bar: SVG with presentation attributes, so no inline style is needed (the
    /// Content-Security-Policy forbids it). The bar stops at 100 % wide; the text says the rest, as
    /// the model defines the figure (two decimals, what the API and the e-mail give), not rounded again.
    static func meter(_ utilization: Decimal, status: BudgetStatus) -> TemplateValue {
        let width = min(max(utilization, 0), 100).rounded(1)
        return ["width": .string(width.plainText), "status": .string(status.rawValue),
                "label": .string(MoneyFormat.percent(utilization, fractionDigits: 2))]
    }
}
