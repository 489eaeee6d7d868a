import Foundation
import Kernel
import Templating
import Web

/// The budget page's past periods as SVG columns, oldest on the left: each period's billed spend
/// (red above the budget) against the budget line, on an axis that fits both.
struct PeriodChart {
    let history: PeriodHistory
    let amount: Decimal
    let currency: String

    static let width = 720.0
    static let height = 240.0
    static let left = 86.0
    static let right = 16.0
    static let top = 14.0
    static let bottom = 40.0

    var context: TemplateValue {
        let entries = Array(history.entries.reversed())
        guard entries.count > 1 else { return .bool(false) }
        let double = { (value: Decimal) in NSDecimalNumber(decimal: value).doubleValue }
        let scale = ChartScale(maximum: (entries.map { double($0.metrics.currentSpend) } + [double(amount)]).max()! * 1.05)
        let plotWidth = Self.width - Self.left - Self.right
        let baseline = Self.height - Self.bottom
        func y(_ value: Double) -> Double { scale.position(value, from: baseline, to: Self.top) }
        let f = ChartScale.svg
        let slot = plotWidth / Double(entries.count)
        let columns = entries.enumerated().map { index, entry -> TemplateValue in
            let m = entry.metrics
            let top = y(double(m.currentSpend))
            let label = DateFormat.period(m.period)
            return [
                "x": .string(f(Self.left + slot * Double(index) + slot * 0.2)), "width": .string(f(slot * 0.6)),
                "y": .string(f(top)), "height": .string(f(max(baseline - top, 0))), "over": .bool(m.currentSpend > amount),
                "labelX": .string(f(Self.left + slot * (Double(index) + 0.5))),
                "label": .string(m.period.start.month == 1 || index == 0 ? DateFormat.month(m.period.start) : Self.shortMonth(m.period.start)),
                "title": .string("\(label): \(MoneyFormat.amount(m.currentSpend, currency: currency))\(entry.complete ? "" : " so far")"),
            ]
        }
        let over = entries.filter { $0.complete && $0.metrics.currentSpend > amount }.count
        return [
            "width": .string(f(Self.width)), "height": .string(f(Self.height)), "left": .string(f(Self.left)),
            "right": .string(f(Self.width - Self.right)), "baseline": .string(f(baseline)), "textY": .string(f(Self.height - 14)),
            "budgetY": .string(f(y(double(amount)))),
            "ticks": .list(scale.ticks.map { ["y": .string(f(y($0))), "label": .string(scale.label($0, currency: currency))] }),
            "columns": .list(columns),
            "summary": .string("Billed spend in each of the last \(entries.count) periods against the budget of "
                               + "\(MoneyFormat.amount(amount, currency: currency)); \(over) ended above it."),
        ]
    }

    /// `Jul`: the month alone, the year being on January's label and the first.
    static func shortMonth(_ day: LocalDate) -> String { String(DateFormat.month(day).prefix(3)) }
}
