@testable import Budgets
import CostData
import Foundation
import Kernel
import Testing

/// The budget list's totals: never a yearly amount beside monthly ones, never one connection twice.
@Suite("Budget list totals by period")
struct PeriodTotalsTests {
    let aws = UUID()
    let gcp = UUID()

    func budget(_ name: String, on connection: UUID, _ timeRange: TimeRange, _ amount: Decimal, currency: String = "USD",
                services: [SelectedService] = [], createdAt: TimeInterval) -> Budget {
        Budget(id: UUID(), organizationId: UUID(), organizationName: "Org", cspConnectionId: connection, cspConnectionName: name,
               currency: currency, name: name, timeRange: timeRange, renewalType: .recurring, budgetType: .fixed,
               startMonth: LocalDate(iso: "2025-06-01")!, amount: amount, selectedServices: services, thresholdRules: [],
               alertRecipients: [], createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(), createdBy: nil, updatedBy: nil,
               version: 1)
    }

    @Test("the demo's $4,950: $750 of monthly budgets and $4,200 of a yearly one, apart")
    func periodsApart() {
        let totals = PeriodTotal.totals(of: [
            (budget("Production AWS", on: aws, .monthly, 350, createdAt: 1), 100),
            (budget("Firebase", on: gcp, .monthly, 400, createdAt: 2), 50),
            (budget("Production AWS FY", on: aws, .yearly, 4200, createdAt: 3), 900),
        ])
        #expect(totals.map(\.timeRange) == [.monthly, .yearly])
        #expect(totals.map(\.allocated) == [750, 4200])
        #expect(totals.map(\.spend) == [150, 900])
        #expect(totals.map(\.budgets) == [2, 1])
    }

    @Test("a service budget and a second budget on the same connection are counted as left out, not added")
    func overlapsLeftOut() {
        let s3 = SelectedService(id: UUID(), serviceName: "Amazon S3")
        let totals = PeriodTotal.totals(of: [
            (budget("Newer", on: aws, .monthly, 500, createdAt: 5), 120),
            (budget("S3 only", on: aws, .monthly, 50, services: [s3], createdAt: 1), 20),
            (budget("Oldest", on: aws, .monthly, 350, createdAt: 2), 120),
        ])
        #expect(totals.count == 1)
        #expect(totals[0].allocated == 350 && totals[0].spend == 120 && totals[0].budgets == 1 && totals[0].notAdded == 2)
    }

    @Test("a budget of some tags lies inside its connection's: left out, even when it is the oldest")
    func tagBudgetsLeftOut() {
        var engineering = budget("Engineering", on: aws, .monthly, 300, createdAt: 1)
        engineering.tagFilters = [TagFilter(key: "Department", values: ["engineering"])]
        let totals = PeriodTotal.totals(of: [(engineering, 250), (budget("Production AWS", on: aws, .monthly, 350, createdAt: 2), 300)])
        #expect(totals.count == 1 && totals[0].allocated == 350 && totals[0].spend == 300 && totals[0].notAdded == 1)
    }

    @Test("currencies are never added together")
    func currenciesApart() {
        let totals = PeriodTotal.totals(of: [
            (budget("EU", on: gcp, .monthly, 100, currency: "EUR", createdAt: 1), 10),
            (budget("US", on: aws, .monthly, 100, createdAt: 2), 20),
        ])
        #expect(totals.map(\.currency) == ["EUR", "USD"] && totals.map(\.spend) == [10, 20])
    }
}
