@testable import Budgets
@testable import CostData
import Foundation
import Kernel
import Testing

/// A budget's past periods: which ones, and their figures by the same metrics as today's.
@Suite("Budget period history")
struct PeriodHistoryTests {
    let connection = UUID()
    let service = UUID()

    func spend(_ months: [(String, Decimal)]) -> MonthlySpend {
        var spend = MonthlySpend()
        for (month, billed) in months {
            let day = LocalDate(iso: month + "-01")!
            let units = Int128(NSDecimalNumber(decimal: billed * 100).int64Value) * 1_000_000_000
            spend.add(connection: connection, month: day.year * 12 + day.month - 1, service: service, billed: units, effective: units)
        }
        return spend
    }

    @Test("the current period and up to eleven before it, newest first, never before the start month")
    func periods() {
        let start = LocalDate(iso: "2025-06-01")!
        let monthly = PeriodHistory.periods(startMonth: start, timeRange: .monthly, today: LocalDate(iso: "2026-12-01")!)
        #expect(monthly.count == 12 && monthly.first?.start.iso == "2026-12-01" && monthly.last?.start.iso == "2026-01-01")
        let young = PeriodHistory.periods(startMonth: start, timeRange: .monthly, today: LocalDate(iso: "2025-08-15")!)
        #expect(young.map(\.start.iso) == ["2025-08-01", "2025-07-01", "2025-06-01"])
        let quarterly = PeriodHistory.periods(startMonth: start, timeRange: .quarterly, today: LocalDate(iso: "2026-01-10")!)
        #expect(quarterly.map(\.start.iso) == ["2025-12-01", "2025-09-01", "2025-06-01"])
        #expect(PeriodHistory.periods(startMonth: start, timeRange: .yearly, today: LocalDate(iso: "2025-05-31")!).isEmpty)
    }

    @Test("an ended period is read as on its last day: its forecast is its spend, its thresholds final")
    func endedPeriods() {
        let rules: [ThresholdRule] = [.percentage(60, of: 350, trigger: .actualSpend), .percentage(100, of: 350, trigger: .actualSpend)]
        let history = PeriodHistory(amount: 350, rules: rules, startMonth: LocalDate(iso: "2025-09-01")!, timeRange: .monthly,
                                    connectionId: connection, serviceIds: [], spend: spend([("2025-09", 351.65), ("2025-10", 200), ("2025-11", 20)]),
                                    today: LocalDate(iso: "2025-11-02")!)
        #expect(history.entries.map(\.complete) == [false, true, true])
        let september = history.entries[2].metrics
        #expect(september.currentSpend == Decimal(string: "351.65")! && september.forecastSpend == Decimal(string: "351.65")!)
        #expect(september.status == .exceeded && september.rules.map(\.reached) == [true, true])
        #expect(history.entries[1].metrics.rules.map(\.reached) == [false, false])
        #expect(history.entries[0].metrics.forecastSpend == nil, "no forecast before the current period's third day")
    }
}
