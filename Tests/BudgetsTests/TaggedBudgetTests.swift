@testable import Budgets
import CostData
import Foundation
import JSON
import Kernel
import MariaDB
import Tenancy
import TestSupport
import Testing

/// Budgets that select by tags, against MariaDB: their spend is the sum of the line items their
/// filters pick (keys AND, values OR, keys without `user:` and in any case), their filters are kept
/// like their other relations, and the evaluator alerts on what they select.
@Suite("Budgets by tag", .enabled(if: TestDatabase.isAvailable))
struct TaggedBudgetTests {
    let fixture: AlertFixture
    var db: Connection { fixture.db }
    var tenant: Tenant { fixture.tenant }
    let june15 = LocalDate(iso: "2025-06-15")!

    init() throws {
        fixture = try AlertFixture()
        let costs: [(String, String, String, String?)] = [
            ("Amazon EC2", "2025-06-02", "10.00", #"{"user:Department":"Engineering","Environment":"production"}"#),
            ("Amazon EC2", "2025-06-03", "20.00", #"{"department":"engineering ","environment":"staging"}"#),
            ("Amazon S3", "2025-06-04", "5.50", #"{"Department":"product","Environment":"production"}"#),
            ("Amazon S3", "2025-06-05", "1.25", #"{"Department":"ENGINEERING"}"#),
            ("Amazon EC2", "2025-06-06", "100.00", nil),
            ("Amazon EC2", "2025-05-31", "1000.00", #"{"Department":"engineering"}"#),
        ]
        for (service, day, billed, tags) in costs {
            try fixture.tenant.cost(fixture.db, service: service, day: day, billed: billed, tags: tags)
        }
        // Another organization's costs carry the same tags; they never count.
        let other = try Tenant.create(fixture.db)
        try other.cost(fixture.db, service: "Amazon EC2", day: "2025-06-02", billed: "7777", tags: #"{"Department":"engineering"}"#)
    }

    func budget(_ name: String, _ filters: [(String, [String])], services: [String] = []) throws -> Budget {
        var draft = tenant.draft(name: name, amount: 40, rules: [.percentage(60, of: 40, trigger: .actualSpend),
                                                                 .percentage(80, of: 40, trigger: .actualSpend)])
        draft.selectedServiceIds = services.map { tenant.services[$0]!.id }
        draft.tagFilters = filters.map { TagFilter(key: $0.0, values: $0.1) }
        return try db.transaction { tx in
            let id = try BudgetStore.insert(draft, by: tenant.admin.id, at: fixture.now, in: tx)
            return try BudgetStore.find(id, organizationId: tenant.organization.id, in: tx)!
        }
    }

    /// What the line items themselves say: June's billed cost of those the budget's services and tags pick.
    func lineItemSum(_ budget: Budget) throws -> Decimal {
        let items = try SpendReader.lineItems(connectionId: tenant.connection.id, billingPeriodStart: LocalDate(iso: "2025-06-01")!, in: db)
        let services = Set(budget.selectedServices.map(\.serviceName))
        let picked = items.filter {
            (services.isEmpty || services.contains($0.serviceName)) && budget.tagSelection.matches($0.tags.flatMap(TagSet.init(json:)))
        }
        return picked.reduce(0) { $0 + $1.billedCost }
    }

    @Test("a filtered budget spends exactly what its matching line items add up to: keys AND, values OR, user: and case ignored")
    func spendEqualsMatchingLineItems() throws {
        let budgets = [
            try budget("Engineering", [("Department", ["engineering"])]),
            try budget("Eng or product", [("Department", ["engineering", "product"])]),
            try budget("Eng production", [("Department", ["Engineering"]), ("Environment", ["production"])]),
            try budget("Eng S3", [("user:DEPARTMENT ", [" Engineering"])], services: ["Amazon S3"]),
            try budget("Product anywhere", [("environment", ["production", "staging"]), ("Department", ["product"])]),
            try budget("Nobody", [("Department", ["finance"])]),
            try budget("Everything", []),
        ]
        let spend = try BudgetSpend.figures(of: budgets, on: june15, db)
        let expected: [String: String] = ["Engineering": "31.25", "Eng or product": "36.75", "Eng production": "10", "Eng S3": "1.25",
                                          "Product anywhere": "5.5", "Nobody": "0", "Everything": "136.75"]
        for budget in budgets {
            #expect(spend[budget.id]?.billed == Decimal(string: expected[budget.name]!)!, "\(budget.name)")
            #expect(spend[budget.id]?.billed == (try lineItemSum(budget)), "\(budget.name) against its line items")
        }
        // The evaluator's pass over every connection reads the same.
        let pass = try BudgetSpend.figures(of: budgets, on: june15, db, everyConnection: true)
        #expect(budgets.allSatisfy { pass[$0.id] == spend[$0.id] })
    }

    @Test("more distinct selections than one statement reads (63) are read in several, each still exact")
    func manySelections() throws {
        let budgets = try (0..<70).map { try budget("Eng \($0)", [("Department", ["engineering", "other-\($0)"])]) }
        let spend = try BudgetSpend.figures(of: budgets, on: june15, db)
        #expect(budgets.allSatisfy { spend[$0.id]?.billed == Decimal(string: "31.25")! })
    }

    @Test("daily spend and past periods follow the filter too")
    func dailyAndMonthly() throws {
        let engineering = try budget("Engineering", [("Department", ["engineering"])])
        let june = BudgetPeriod.containing(june15, startMonth: LocalDate(iso: "2025-06-01")!, timeRange: .monthly)
        let days = try SpendReader.dailySpend(connectionId: tenant.connection.id, serviceIds: [], tags: engineering.tagSelection, in: june, db: db)
        #expect(days == [LocalDate(iso: "2025-06-02")!: 10, LocalDate(iso: "2025-06-03")!: 20,
                         LocalDate(iso: "2025-06-05")!: Decimal(string: "1.25")!])
        let months = try BudgetSpend.monthly(of: engineering, from: LocalDate(iso: "2025-05-01")!, to: LocalDate(iso: "2025-07-01")!, db)
        let may = BudgetPeriod(start: LocalDate(iso: "2025-05-01")!, end: LocalDate(iso: "2025-05-31")!)
        #expect(months.figures(connectionId: tenant.connection.id, serviceIds: [], in: may).billed == 1000)
        #expect(months.figures(connectionId: tenant.connection.id, serviceIds: [], in: june).billed == Decimal(string: "31.25")!)
    }

    @Test("filters are read back in order, by either way of loading, replaced by an edit, and kept through deletion and restoration")
    func storage() throws {
        let created = try budget("Tagged", [("Department", ["engineering", "R&D, \"Europe\""]), ("user:Team", ["core"])])
        #expect(created.tagFilters == [TagFilter(key: "Department", values: ["engineering", "R&D, \"Europe\""]),
                                       TagFilter(key: "user:Team", values: ["core"])])
        #expect(try BudgetStore.allLive(budgetId: created.id, in: db).first?.tagFilters == created.tagFilters, "the evaluator's load")
        var draft = created.draft
        draft.tagFilters = [TagFilter(key: "Environment", values: ["production"])]
        try db.transaction { tx in try BudgetStore.update(created, to: draft, by: tenant.admin.id, at: fixture.now, in: tx) }
        let updated = try #require(try BudgetStore.find(created.id, organizationId: tenant.organization.id, in: db))
        #expect(updated.tagFilters == draft.tagFilters && updated.version == 2)
        try db.transaction { tx in try BudgetStore.softDelete(updated, by: tenant.admin.id, at: fixture.now, in: tx) }
        let deleted = try #require(try BudgetStore.findDeleted(created.id, organizationId: tenant.organization.id, in: db))
        try db.transaction { tx in try BudgetStore.restore(deleted, by: tenant.admin.id, at: fixture.now, in: tx) }
        let restored = try #require(try BudgetStore.find(created.id, organizationId: tenant.organization.id, in: db))
        #expect(restored.tagFilters == draft.tagFilters)
        let json = BudgetEncoding.json(restored)
        #expect(json["tagFilters"] == .array([.object(["key": "Environment", "values": .array(["production"])])]))
    }

    @Test("the database refuses one key twice as matched, even without the validator")
    func uniqueKeysInTheDatabase() throws {
        let created = try budget("Tagged", [("Department", ["engineering"])])
        let error = #expect(throws: MariaDBError.self) {
            try db.transaction { tx in try tx.execute("""
                INSERT INTO t_budget_tag_filters (budget_id, position, tag_key, key_normalized, tag_values)
                VALUES (\(created.id), 1, 'user:Department', 'department', '["x"]')
                """) }
        }
        #expect(error?.kind == .duplicateKey)
    }

    @Test("an engineering budget alerts once when its tagged spend crosses a threshold, and not for untagged spend")
    func evaluation() throws {
        let engineering = try budget("Engineering", [("Department", ["engineering"])])
        let first = try fixture.evaluator().run(.all, now: fixture.now)
        #expect(first.breaches == 1, "31.25 of 40 is 78 %: the 60 % rule")
        #expect(try fixture.evaluator().run(.all, now: fixture.now).breaches == 0)
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-10", billed: "500")
        #expect(try fixture.evaluator().run(.all, now: fixture.now).breaches == 0, "untagged spend is not the department's")
        try tenant.cost(db, service: "Amazon EC2", day: "2025-06-11", billed: "2", tags: #"{"Department":"Engineering"}"#)
        let second = try fixture.evaluator().run(.connection(tenant.connection.id), now: fixture.now)
        #expect(second.breaches == 1 && second.messages == 1, "33.25 of 40 is 83 %: the 80 % rule, one message")
        let text = try #require(try db.query("SELECT body_text FROM alert_outbox WHERE budget_id = \(engineering.id) ORDER BY id DESC")
            .first?["body_text"])
        #expect(text.contains("Tagged:      Department: engineering"))
    }
}
