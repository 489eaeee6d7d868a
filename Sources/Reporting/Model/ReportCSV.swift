import CostData
import CSVStream
import Foundation
import Kernel

/// The monthly report's tables as CSV files for spreadsheets: RFC 4180, UTF-8, a header row, text
/// cells guarded against formula injection, amounts as plain numbers with two decimals.
public enum ReportCSV {
    /// `budgetd-2025-06-services.csv`: the name of a table of a period, for downloads and attachments.
    public static func fileName(_ period: String, _ table: String) -> String { "budgetd-\(period)-\(table).csv" }

    public static func services(_ report: MonthlyReport) -> String {
        var csv = CSVWriter(guardsFormulas: true)
        csv.append(["Month", "Currency", "Connection", "Service", "Cost", "Previous month", "Change %", "Share %"])
        for section in report.currencies {
            for line in section.services {
                csv.append([.text(ReportMonth.text(report.month)), .text(section.currency), .text(line.connectionName), .text(line.serviceName),
                            .number(line.cost.plainText), .number(line.previousMonthCost.plainText), percent(line.change), percent(line.share)])
            }
        }
        return csv.output
    }

    public static func budgets(_ report: MonthlyReport) -> String {
        var csv = CSVWriter(guardsFormulas: true)
        csv.append(["Month", "Currency", "Budget", "Connection", "Period", "Service budget", "Counts toward total", "Monthly budget", "Actual",
                    "Variance", "Variance %", "Direction", "Size", "Response", "Explanation", "Tag filters"])
        for section in report.currencies {
            for line in section.budgets {
                csv.append([
                    .text(ReportMonth.text(report.month)), .text(section.currency), .text(line.name), .text(line.connectionName),
                    .text(line.timeRange.rawValue), .text(line.serviceScoped ? "yes" : "no"), .text(line.countsTowardTotal ? "yes" : "no"),
                    .number(line.monthlyBudget.plainText), .number(line.actual.plainText), .number(line.variance.amount.plainText),
                    percent(line.variance.percentage), .text(line.variance.direction.rawValue), .text(line.variance.size.rawValue),
                    .text(line.variance.response), line.explanation.map { .text($0.text) } ?? .empty,
                    line.tagFilters.isEmpty ? .empty : .text(line.tagFilters.label),
                ])
            }
        }
        return csv.output
    }

    private static func percent(_ value: Decimal?) -> CSVWriter.Cell {
        value.map { .number(MoneyFormat.grouped($0, fractionDigits: 2).replacingOccurrences(of: ",", with: "")) } ?? .empty
    }
}

extension ReportCSV {
    public static func weekly(_ summary: WeeklySummary) -> String {
        var csv = CSVWriter(guardsFormulas: true)
        csv.append(["Week", "Currency", "Connection", "Service", "This week", "Previous week", "Difference", "Change %"])
        for section in summary.currencies {
            for line in section.rose + section.fell {
                csv.append([.text(summary.week.description), .text(section.currency), .text(line.connectionName), .text(line.serviceName),
                            .number(line.thisWeek.plainText), .number(line.previousWeek.plainText), .number(line.difference.plainText),
                            line.change.map { .number("\($0)") } ?? .empty])
            }
        }
        return csv.output
    }

    public static func daily(_ dashboard: DailyDashboard) -> String {
        var csv = CSVWriter(guardsFormulas: true)
        csv.append(["Date", "Currency", "Connection", "Service", "Day", "Month to date"])
        for section in dashboard.currencies {
            for line in section.services {
                csv.append([.text(dashboard.date.iso), .text(section.currency), .text(line.connectionName), .text(line.serviceName),
                            .number(line.today.plainText), .number(line.monthToDate.plainText)])
            }
        }
        return csv.output
    }
}
