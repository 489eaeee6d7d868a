import Kernel
import Foundation
import Templating
import Web

/// The spend chart of a budget page, drawn as SVG on the server: no chart library, no script.
///
/// Lines: the actual cumulative spend to today, the run-rate forecast from today to the end of
/// the period, the even pace, the budget amount and each threshold. Coordinates are computed here;
/// the template only places them.
struct SpendChart {
    let series: SpendSeries
    let currency: String
    let thresholds: [Decimal]

    static let frame = ChartFrame(height: 260)

    var context: TemplateValue {
        let points = series.points
        guard !points.isEmpty else { return .null }
        // The axis fits the spend, the forecast and the budget; thresholds above it are not drawn, so that a
        // 120 % rule does not push the spend line to the bottom.
        let values = points.flatMap { [$0.cumulative, $0.forecast].compactMap { $0 } } + [series.amount]
        let scale = ChartScale(maximum: (values.map { NSDecimalNumber(decimal: $0).doubleValue }.max() ?? 1) * 1.05)
        let maximum = scale.maximum
        let frame = SpendChart.frame
        func x(_ index: Int) -> Double { ChartFrame.left + frame.plotWidth * Double(index + 1) / Double(points.count) }
        func y(_ value: Decimal) -> Double {
            scale.position(NSDecimalNumber(decimal: value).doubleValue, from: frame.baseline, to: ChartFrame.top)
        }
        let f = ChartScale.svg
        let origin = "\(f(ChartFrame.left)),\(f(y(0)))"

        var actual = [origin]
        var lastActual: (Int, Decimal)?
        for (i, p) in points.enumerated() {
            if let c = p.cumulative { actual.append("\(f(x(i))),\(f(y(c)))"); lastActual = (i, c) }
        }
        var forecast: [String] = []
        if let (i, c) = lastActual {
            forecast.append("\(f(x(i))),\(f(y(c)))")
        } else {
            forecast.append(origin)
        }
        for (i, p) in points.enumerated() where p.cumulative == nil {
            if let v = p.forecast { forecast.append("\(f(x(i))),\(f(y(v)))") }
        }
        let planned = [origin] + points.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.planned)))" }
        let ticks = scale.ticks.map { value -> TemplateValue in
            ["y": .string(f(y(Decimal(value)))), "label": .string(scale.label(value, currency: currency))]
        }
        let labelIndexes = Array(Set([0, points.count / 2, points.count - 1])).sorted()
        let xLabels = labelIndexes.map { i -> TemplateValue in
            let anchor = i == 0 ? "start" : i == points.count - 1 ? "end" : "middle"
            let position = i == 0 ? ChartFrame.left
                : i == points.count - 1 ? ChartFrame.width - ChartFrame.right
                : x(i) - frame.plotWidth / Double(points.count) / 2
            return ["x": .string(f(position)), "anchor": .string(anchor), "label": .string(DateFormat.day(points[i].date))]
        }
        let money = { (value: Decimal) in MoneyFormat.amount(value, currency: currency) }
        return [
            "width": .string(f(ChartFrame.width)), "height": .string(f(frame.height)),
            "left": .string(f(ChartFrame.left)), "right": .string(f(ChartFrame.width - ChartFrame.right)),
            "baseline": .string(f(y(0))), "textY": .string(f(frame.height - 12)),
            "actual": .string(actual.joined(separator: " ")),
            "forecast": forecast.count > 1 ? .string(forecast.joined(separator: " ")) : .bool(false),
            "planned": .string(planned.joined(separator: " ")),
            "budgetY": .string(f(y(series.amount))),
            "thresholds": .list(thresholds.filter { $0 != series.amount && NSDecimalNumber(decimal: $0).doubleValue <= maximum }
                .map { ["y": .string(f(y($0)))] }),
            "ticks": .list(ticks),
            "xLabels": .list(xLabels),
            "summary": .string(summary(spent: points.compactMap(\.cumulative).last ?? 0, money: money)),
            "rows": .list(points.map { p in
                ["date": .string(DateFormat.day(p.date)), "spend": .string(p.spend.map(money) ?? ""),
                 "cumulative": .string(p.cumulative.map(money) ?? ""), "forecast": .string(p.forecast.map(money) ?? "")]
            }),
        ]
    }

    /// One sentence for people (and screen readers) saying what the chart shows.
    func summary(spent: Decimal, money: (Decimal) -> String) -> String {
        let sofar = "Spent \(money(spent)) of \(money(series.amount)) so far in \(DateFormat.period(series.period))"
        guard let forecast = series.forecastAtEnd else {
            return sofar + "; a forecast follows from \(DateFormat.day(series.forecastAvailableFrom)), once the period has three days behind it."
        }
        return sofar + "; at this pace \(money(forecast)) by the end of the period."
    }
}
