import Foundation
import Kernel
import Templating
import Web

/// The monthly report's charts as SVG coordinates for the templates (no script, no library). Each
/// has a title, a description, and its figures in a table beside it for screen readers.
enum ReportCharts {
    static let width = 720.0
    static let left = 150.0
    static let right = 20.0

    private static func f(_ v: Double) -> String { ChartScale.svg(v) }
    private static func double(_ cents: Cents) -> Double { Double(cents.value) / 100 }

    /// Budget against actual, one pair of bars per budget.
    static func budgetVersusActual(_ section: MonthlyReport.CurrencySection) -> TemplateValue {
        guard !section.budgets.isEmpty else { return .null }
        let rowHeight = 34.0
        let top = 12.0
        let height = top + Double(section.budgets.count) * rowHeight + 36
        let scale = ChartScale(maximum: section.budgets.map { max(double($0.monthlyBudget), double($0.actual)) }.max() ?? 1)
        let plotRight = width - right
        func x(_ value: Double) -> Double { scale.position(value, from: left, to: plotRight) }
        let rows = section.budgets.enumerated().map { index, line -> TemplateValue in
            let y = top + Double(index) * rowHeight
            return [
                "label": .string(line.name), "labelY": .string(f(y + 15)), "labelX": .string(f(left - 8)),
                "budgetY": .string(f(y + 2)), "budgetWidth": .string(f(max(0, x(double(line.monthlyBudget)) - left))),
                "actualY": .string(f(y + 14)), "actualWidth": .string(f(max(0, x(double(line.actual)) - left))),
                "over": .bool(line.actual > line.monthlyBudget), "x": .string(f(left)),
            ]
        }
        return [
            "width": .string(f(width)), "height": .string(f(height)), "rows": .list(rows),
            "ticks": ticks(scale, currency: section.currency, x: x, baseline: height - 24, top: top),
            "summary": .string(section.budgets.map {
                "\($0.name): \(ReportFormat.money($0.actual, section.currency)) of \(ReportFormat.money($0.monthlyBudget, section.currency))"
            }.joined(separator: "; ")),
        ]
    }

    private static func ticks(_ scale: ChartScale, currency: String, x: (Double) -> Double, baseline: Double, top: Double) -> TemplateValue {
        .list(scale.ticks.map { value in
            ["x": .string(f(x(value))), "y1": .string(f(top)), "y2": .string(f(baseline)), "textY": .string(f(baseline + 16)),
             "label": .string(scale.label(value, currency: currency))]
        })
    }

    /// Cost by service over six months: a column per month, stacked by the largest eight services and the rest.
    static func serviceHistory(_ section: MonthlyReport.CurrencySection) -> TemplateValue {
        let history = section.history
        let totals = history.totals
        guard totals.contains(where: { $0 != .zero }) else { return .null }
        let height = 280.0
        let top = 12.0
        let bottom = height - 36
        let plotLeft = 80.0
        let scale = ChartScale(maximum: totals.map(double).max() ?? 1)
        let band = (width - plotLeft - right) / Double(history.months.count)
        func y(_ value: Double) -> Double { scale.position(value, from: bottom, to: top) }
        let names = history.series.map(\.name) + (history.other.contains { $0 != .zero } ? ["Other services"] : [])
        let costs = history.series.map(\.costs) + (history.other.contains { $0 != .zero } ? [history.other] : [])
        let columns = history.months.enumerated().map { index, month -> TemplateValue in
            var base = 0.0
            let segments = costs.enumerated().compactMap { seriesIndex, values -> TemplateValue? in
                let value = double(values[index])
                guard value > 0 else { return nil }
                let y0 = y(base)
                base += value
                return ["series": .string(String(seriesIndex)), "y": .string(f(y(base))), "height": .string(f(max(0.5, y0 - y(base)))),
                        "title": .string("\(names[seriesIndex]), \(DateFormat.month(month)): \(ReportFormat.money(values[index], section.currency))")]
            }
            return ["x": .string(f(plotLeft + Double(index) * band + band * 0.15)), "width": .string(f(band * 0.7)), "segments": .list(segments),
                    "label": .string(DateFormat.month(month)), "labelX": .string(f(plotLeft + Double(index) * band + band / 2)),
                    "labelY": .string(f(bottom + 18))]
        }
        let ticks = scale.ticks.map { value -> TemplateValue in
            ["y": .string(f(y(value))), "label": .string(scale.label(value, currency: section.currency)), "x1": .string(f(plotLeft)),
             "x2": .string(f(width - right)), "textX": .string(f(plotLeft - 6))]
        }
        return [
            "width": .string(f(width)), "height": .string(f(height)), "columns": .list(columns), "ticks": .list(ticks),
            "legend": .list(names.enumerated().map { ["series": .string(String($0.offset)), "name": .string($0.element)] }),
            "months": .list(history.months.map { .string(DateFormat.month($0)) }),
            "rows": .list(names.enumerated().map { index, name in
                ["name": .string(name), "costs": .list(costs[index].map { .string(ReportFormat.money($0, section.currency)) })]
            }),
            "totals": .list(totals.map { .string(ReportFormat.money($0, section.currency)) }),
            "summary": .string("Cost by service from \(DateFormat.month(history.months[0])) to \(DateFormat.month(history.months.last!)): "
                               + zip(history.months, totals).map { "\(DateFormat.month($0)) \(ReportFormat.money($1, section.currency))" }
                                   .joined(separator: ", ")),
        ]
    }

    /// Each day's cost as a column, with the daily budget as a line.
    static func daily(_ section: MonthlyReport.CurrencySection) -> TemplateValue {
        guard !section.days.isEmpty else { return .null }
        let height = 240.0
        let top = 12.0
        let bottom = height - 36
        let plotLeft = 80.0
        let values = section.days.map { double($0.cost) }
        let scale = ChartScale(minimum: values.min() ?? 0, maximum: max(values.max() ?? 0, double(section.dailyBudget)))
        let count = Double(LocalDate.daysIn(year: section.days[0].day.year, month: section.days[0].day.month))
        let band = (width - plotLeft - right) / count
        func y(_ value: Double) -> Double { scale.position(value, from: bottom, to: top) }
        let zero = y(0)
        let bars = section.days.enumerated().map { index, day -> TemplateValue in
            let value = double(day.cost)
            return ["x": .string(f(plotLeft + Double(index) * band + band * 0.1)), "width": .string(f(band * 0.8)),
                    "y": .string(f(min(zero, y(value)))), "height": .string(f(max(0.5, abs(zero - y(value))))),
                    "over": .bool(day.cost > section.dailyBudget),
                    "title": .string("\(DateFormat.day(day.day)): \(ReportFormat.money(day.cost, section.currency))")]
        }
        let labelDays = Array(Set([0, section.days.count / 2, section.days.count - 1])).sorted()
        return [
            "width": .string(f(width)), "height": .string(f(height)), "bars": .list(bars),
            "budgetY": .string(f(y(double(section.dailyBudget)))), "x1": .string(f(plotLeft)), "x2": .string(f(width - right)),
            "baseline": .string(f(zero)),
            "ticks": .list(scale.ticks.map { ["y": .string(f(y($0))), "label": .string(scale.label($0, currency: section.currency)),
                                              "textX": .string(f(plotLeft - 6))] }),
            "xLabels": .list(labelDays.map { i in
                ["x": .string(f(plotLeft + Double(i) * band + band / 2)), "y": .string(f(bottom + 18)),
                 "label": .string(DateFormat.day(section.days[i].day))]
            }),
            "summary": .string("Daily cost in \(DateFormat.month(section.days[0].day)) against a daily budget of "
                               + "\(ReportFormat.money(section.dailyBudget, section.currency)); "
                               + "\(section.days.filter { $0.cost > section.dailyBudget }.count) of \(section.days.count) days above it."),
            "rows": .list(section.days.map { day in
                ["day": .string(DateFormat.day(day.day)), "cost": .string(ReportFormat.money(day.cost, section.currency)),
                 "over": .bool(day.cost > section.dailyBudget)]
            }),
        ]
    }
}
