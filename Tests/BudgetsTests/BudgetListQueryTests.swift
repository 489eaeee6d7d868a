@testable import Budgets
import CostData
import Foundation
import Kernel
import Testing

/// Search, status, order and pages of the budget list: the list API and the page share them.
@Suite("Budget list search, order and pages")
struct BudgetListQueryTests {
    let today = LocalDate(iso: "2025-06-15")!

    func view(_ name: String, connection: String = "Production AWS", amount: Decimal = 100, spend: Decimal = 0) -> BudgetView {
        let rules: [ThresholdRule] = [.percentage(80, of: amount, trigger: .actualSpend), .percentage(100, of: amount, trigger: .actualSpend)]
        let budget = Budget(
            id: UUID(), organizationId: UUID(), organizationName: "Org", cspConnectionId: UUID(), cspConnectionName: connection,
            currency: "USD", name: name, timeRange: .monthly, renewalType: .recurring, budgetType: .fixed,
            startMonth: LocalDate(iso: "2025-01-01")!, amount: amount, selectedServices: [], thresholdRules: rules,
            alertRecipients: [], createdAt: Date(), updatedAt: Date(), createdBy: nil, updatedBy: nil, version: 1)
        let metrics = BudgetMetrics(amount: amount, rules: rules, startMonth: budget.startMonth, timeRange: .monthly,
                                    spend: SpendFigures(billed: spend, effective: spend), today: today)
        return BudgetView(budget: budget, metrics: metrics, lastEvaluatedAt: nil)
    }

    func query(_ parameters: [String: String]) throws(DomainError) -> BudgetListQuery {
        try BudgetListQuery(parameters: { parameters[$0] })
    }

    var views: [BudgetView] {
        [view("Équipe data", connection: "Azure", amount: 500, spend: 510), view("alpha", amount: 100, spend: 85),
         view("Beta", amount: 300, spend: 10), view("gamma", connection: "GCP", amount: 200, spend: 0)]
    }

    @Test("without parameters: every budget, by name ignoring case and accents")
    func defaults() throws {
        let q = try query([:])
        #expect(q == BudgetListQuery())
        #expect(q.matching(views).map(\.budget.name) == ["alpha", "Beta", "Équipe data", "gamma"])
        #expect(q.page(of: q.matching(views)).count == 4)
        #expect(!q.isFiltered)
    }

    @Test("the search matches budget and connection names, ignoring case and accents; blank means none")
    func search() throws {
        #expect(try query(["q": "EQUIPE"]).matching(views).map(\.budget.name) == ["Équipe data"])
        #expect(try query(["q": "  gcp "]).matching(views).map(\.budget.name) == ["gamma"])
        #expect(try query(["q": "aws"]).matching(views).map(\.budget.name) == ["alpha", "Beta"])
        #expect(try query(["q": "   "]).search == nil)
        #expect(try query(["q": String(repeating: "é", count: 100)]).search != nil)
        #expect(throws: DomainError.self) { try query(["q": String(repeating: "e", count: 101)]) }
    }

    @Test("status filters, and orders go both ways with ties by name")
    func statusAndOrder() throws {
        #expect(try query(["status": "exceeded"]).matching(views).map(\.budget.name) == ["Équipe data"])
        #expect(try query(["status": "warning"]).matching(views).map(\.budget.name) == ["alpha"])
        #expect(try query(["sort": "-utilization"]).matching(views).map(\.budget.name) == ["Équipe data", "alpha", "Beta", "gamma"])
        #expect(try query(["sort": "amount"]).matching(views).map(\.budget.name) == ["alpha", "gamma", "Beta", "Équipe data"])
        #expect(try query(["sort": "-status"]).matching(views).map(\.budget.name) == ["Équipe data", "alpha", "Beta", "gamma"])
        #expect(try query(["sort": "-name"]).matching(views).map(\.budget.name) == ["gamma", "Équipe data", "Beta", "alpha"])
        let same = [view("b", amount: 100), view("a", amount: 100), view("c", amount: 100)]
        #expect(try query(["sort": "-amount"]).matching(same).map(\.budget.name) == ["a", "b", "c"])
    }

    @Test("pages: limit and offset cut the matching list, past its end is empty, never a trap")
    func pages() throws {
        let many = (0..<120).map { view(String(format: "Budget %03d", $0)) }
        let first = try query(["limit": "50"])
        #expect(first.page(of: first.matching(many)).map(\.budget.name).first == "Budget 000")
        let last = try query(["limit": "50", "offset": "100"])
        #expect(last.page(of: last.matching(many)).map(\.budget.name) == (100..<120).map { String(format: "Budget %03d", $0) })
        let past = try query(["limit": "50", "offset": "1000"])
        #expect(past.page(of: past.matching(many)).isEmpty)
    }

    @Test("parameters that are not understood are refused, each by name")
    func refused() {
        for (name, value) in [("status", "late"), ("sort", "cost"), ("sort", "--name"), ("limit", "0"), ("limit", "501"), ("limit", "ten"),
                              ("offset", "-1"), ("offset", "1.5"),
                              ("offset", "1000001"), ("offset", "1069229430344658190336"),
                              ("limit", ""), ("offset", "")] {
            do {
                _ = try query([name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch {
                #expect(error.fieldErrors.map(\.field) == [name], "\(name)=\(value)")
            }
        }
    }
}
