import CostData
import Foundation
import Kernel
import Reporting
import XCTest

final class ReportCSVTests: XCTestCase {
    static let evil = ReportConnection(id: uuid(50), name: "=Evil, Inc.", currency: "USD")
    static let services: [(UUID, String, String, String)] = [
        (uuid(51), "+SUM(A1:A2)", "40.00", "0"), (uuid(52), "-2+3", "30.00", "10.00"), (uuid(53), "@A1", "20.00", "40.00"),
        (uuid(54), "Amazon \"S3\"", "5.00", "0"), (uuid(55), "\tTab", "3.00", "0"), (uuid(56), "Plain", "2.00", "4.00"),
    ]

    func report() -> MonthlyReport {
        let c = Self.evil
        var tagged = budget(62, "Tagged", on: c, .monthly, amount: "50.00")
        tagged.tagFilters = [TagFilter(key: "=Dept", values: ["eng", "R&D, EU"])]
        var monthly: [MonthlyServiceCost] = []
        for (id, _, now, before) in Self.services {
            monthly.append(monthCost("2025-06", c, id, now))
            if before != "0" { monthly.append(monthCost("2025-05", c, id, before)) }
        }
        let explanation = Explanation(budgetId: uuid(60), text: "Caused by a, b\nand \"c\"", authorEmail: nil, updatedAt: at("2025-07-01T00:00:00Z"))
        var builder = MonthlyReportBuilder(
            organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"), connections: [c],
            serviceNames: Dictionary(uniqueKeysWithValues: Self.services.map { ($0.0, $0.1) }),
            budgets: [budget(60, "=HYPERLINK(\"http://x\",\"y\")", on: c, .monthly, amount: "120.00"),
                      budget(61, "-S3 only", on: c, .monthly, amount: "10.00", services: [uuid(54)]), tagged],
            monthly: monthly, daily: [], asOf: nil, explanations: [uuid(60): explanation])
        builder.taggedBudgetCosts = [tagged.id: Cents(rounding: dec("45.00"))]
        return builder.build()
    }

    func testTheServicesFileHasAHeaderAndGuardsFormulas() {
        let expected = [
            "Month,Currency,Connection,Service,Cost,Previous month,Change %,Share %",
            "2025-06,USD,\"'=Evil, Inc.\",'+SUM(A1:A2),40.00,0.00,,40.00",
            "2025-06,USD,\"'=Evil, Inc.\",'-2+3,30.00,10.00,200.00,30.00",
            "2025-06,USD,\"'=Evil, Inc.\",'@A1,20.00,40.00,-50.00,20.00",
            "2025-06,USD,\"'=Evil, Inc.\",\"Amazon \"\"S3\"\"\",5.00,0.00,,5.00",
            "2025-06,USD,\"'=Evil, Inc.\",'\tTab,3.00,0.00,,3.00",
            "2025-06,USD,\"'=Evil, Inc.\",Plain,2.00,4.00,-50.00,2.00",
        ]
        XCTAssertEqual(ReportCSV.services(report()), expected.map { $0 + "\r\n" }.joined())
    }

    /// Negative amounts are numbers, not formulas: they stay `-20.00`. Text with a comma, a quote or a
    /// line break is quoted, quotes doubled.
    func testTheBudgetsFile() {
        let expected = [
            "Month,Currency,Budget,Connection,Period,Service budget,Counts toward total,Monthly budget,Actual,Variance,Variance %,Direction,"
                + "Size,Response,Explanation,Tag filters",
            "2025-06,USD,'-S3 only,\"'=Evil, Inc.\",monthly,yes,no,10.00,5.00,-5.00,-50.00,favorable,large,Reassess budget projections,,",
            "2025-06,USD,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'=Evil, Inc.\",monthly,no,yes,120.00,100.00,-20.00,-16.67,favorable,"
                + "medium,Investigate for sustainability,\"Caused by a, b\nand \"\"c\"\"\",",
            "2025-06,USD,Tagged,\"'=Evil, Inc.\",monthly,no,no,50.00,45.00,-5.00,-10.00,favorable,medium,Investigate for sustainability,,"
                + "\"'=Dept: eng, \"\"R&D, EU\"\"\"",
        ]
        XCTAssertEqual(ReportCSV.budgets(report()), expected.map { $0 + "\r\n" }.joined())
    }

    func testAnEmptyReportIsItsHeader() {
        let empty = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"), connections: [],
                                         serviceNames: [:], budgets: [], monthly: [], daily: [], asOf: nil, explanations: [:]).build()
        XCTAssertEqual(ReportCSV.services(empty), "Month,Currency,Connection,Service,Cost,Previous month,Change %,Share %\r\n")
    }

    func testLargeAmountsAreNotGrouped() {
        let c = ReportConnection(id: uuid(70), name: "Big", currency: "EUR")
        let big = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"), connections: [c],
                                       serviceNames: [uuid(71): "Compute"], budgets: [], monthly: [monthCost("2025-06", c, uuid(71), "1234567.891")],
                                       daily: [], asOf: nil, explanations: [:]).build()
        XCTAssertEqual(ReportCSV.services(big).split(separator: "\r\n").last, "2025-06,EUR,Big,Compute,1234567.89,0.00,,100.00")
    }

    func testTheDailyAndWeeklyFilesHaveTheirHeaders() {
        let dashboard = DailyDashboardBuilder(
            organizationId: Org.id, date: day("2025-06-15"), now: at("2025-06-15T12:00:00Z"), connections: [Self.evil],
            serviceNames: [uuid(52): "-2+3"], budgets: [], today: [serviceCost(Self.evil, uuid(52), "1.00")],
            monthToDate: [serviceCost(Self.evil, uuid(52), "12.00")], sameDaysLastMonth: [], completeDaysCost: [], asOf: nil, alerts: [],
            staleConnections: []).build()
        XCTAssertEqual(ReportCSV.daily(dashboard), "Date,Currency,Connection,Service,Day,Month to date\r\n"
                       + "2025-06-15,USD,\"'=Evil, Inc.\",'-2+3,1.00,12.00\r\n")
        let summary = WeeklySummary.build(
            organizationId: Org.id, week: ISOWeek("2025-W24")!, now: at("2025-06-16T00:00:00Z"), connections: [Self.evil],
            serviceNames: [uuid(53): "@A1"], thisWeek: [serviceCost(Self.evil, uuid(53), "5.00")],
            previousWeek: [serviceCost(Self.evil, uuid(53), "10.00")], daily: [], asOf: nil)
        XCTAssertEqual(ReportCSV.weekly(summary), "Week,Currency,Connection,Service,This week,Previous week,Difference,Change %\r\n"
                       + "2025-W24,USD,\"'=Evil, Inc.\",'@A1,5.00,10.00,-5.00,-50\r\n")
    }
}
