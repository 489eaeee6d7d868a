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

    static let frame = ChartFrame(height: 240)

    var context: TemplateValue {
        let entries = Array(history.entries.reversed())
        guard entries.count > 1 else { return .bool(false) }
        let double = { (value: Decimal) in NSDecimalNumber(decimal: value).doubleValue }
        let scale = ChartScale(maximum: (entries.map { double($0.metrics.currentSpend) } + [double(amount)]).max()! * 1.05)
        let frame = Self.frame
        let baseline = frame.baseline
        func y(_ value: Double) -> Double { scale.position(value, from: baseline, to: ChartFrame.top) }
        let f = ChartScale.svg
        let slot = frame.plotWidth / Double(entries.count)
        let columns = entries.enumerated().map { index, entry -> TemplateValue in
            let m = entry.metrics
            let top = y(double(m.currentSpend))
            let label = DateFormat.period(m.period)
            return [
                "x": .string(f(ChartFrame.left + slot * Double(index) + slot * 0.2)), "width": .string(f(slot * 0.6)),
                "y": .string(f(top)), "height": .string(f(max(baseline - top, 0))), "over": .bool(m.currentSpend > amount),
                "labelX": .string(f(ChartFrame.left + slot * (Double(index) + 0.5))),
                "label": .string(m.period.start.month == 1 || index == 0 ? DateFormat.month(m.period.start) : Self.shortMonth(m.period.start)),
                "title": .string("\(label): \(MoneyFormat.amount(m.currentSpend, currency: currency))\(entry.complete ? "" : " so far")"),
            ]
        }
        let over = entries.filter { $0.complete && $0.metrics.currentSpend > amount }.count
        return [
            "width": .string(f(ChartFrame.width)), "height": .string(f(frame.height)), "left": .string(f(ChartFrame.left)),
            "right": .string(f(ChartFrame.width - ChartFrame.right)), "baseline": .string(f(baseline)), "textY": .string(f(frame.height - 14)),
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
