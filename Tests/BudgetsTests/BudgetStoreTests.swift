import Kernel
import Tenancy
import CostData
@testable import Budgets
import Foundation
import JSON
import MariaDB
import Notifications
import TestSupport
import Testing

@Suite("Budget store", .enabled(if: TestDatabase.isAvailable))
struct BudgetStoreTests {
    let database: ThrowawayDatabase
    let db: Connection

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
    }

    func insert(_ draft: BudgetDraft, by tenant: Tenant) throws -> UUID {
        try db.transaction { tx in try BudgetStore.insert(draft, by: tenant.admin.id, at: Date(), in: tx) }
    }

    @Test("a budget reads back with its relations; another tenant cannot find it")
    func roundTrip() throws {
        let acme = try Tenant.create(db)
        let globex = try Tenant.create(db)
        let id = try insert(acme.draft(services: [acme.services["Amazon S3"]!.id]), by: acme)
        let budget = try #require(try BudgetStore.find(id, organizationId: acme.organization.id, in: db))
        #expect(budget.name == "Budget")
        #expect(budget.amount == 1000)
        #expect(budget.selectedServices.map(\.serviceName) == ["Amazon S3"])
        #expect(budget.thresholdRules.map(\.amount) == [800])
        #expect(budget.alertRecipients.map(\.email) == ["ops@example.com"])
        #expect(budget.version == 1)
        #expect(try BudgetStore.find(id, organizationId: globex.organization.id, in: db) == nil)
        #expect(try BudgetStore.list(organizationId: globex.organization.id, in: db).isEmpty)
    }

    @Test("relations read in one query keep their order, exact amounts and text that JSON must escape")
    func relationsInOneQuery() throws {
        let acme = try Tenant.create(db)
        let exact = { (text: String) in Decimal(string: text)! }
        let amount = exact("1000.01")
        let rules: [ThresholdRule] = [.percentage(exact("33.33"), of: amount, trigger: .actualSpend),
                                      .amount(exact("999.99"), of: amount, trigger: .forecastedCost),
                                      .percentage(100, of: amount, trigger: .actualCost)]
        var draft = acme.draft(amount: amount, rules: rules, services: [acme.services["Amazon S3"]!.id, acme.services["Amazon EC2"]!.id])
        draft.alertRecipients = ["z-last@example.com", "\"quoted\"+tag@example.com", "a-first@example.com"]
        draft.name = "Q3 \"core\" \\ ünïcode ✓"
        let id = try insert(draft, by: acme)
        let (budget, evaluatedAt) = try #require(try BudgetStore.findEvaluated(id, organizationId: acme.organization.id, in: db))
        #expect(budget.name == draft.name)
        #expect(budget.thresholdRules.map(\.percentage) == rules.map(\.percentage))
        #expect(budget.thresholdRules.map(\.amount) == rules.map(\.amount))
        #expect(budget.thresholdRules.map(\.triggerType) == [.actualSpend, .forecastedCost, .actualCost])
        #expect(budget.alertRecipients.map(\.email) == draft.alertRecipients)
        #expect(budget.selectedServices.map(\.serviceName) == ["Amazon EC2", "Amazon S3"])
        #expect(evaluatedAt == nil)
        let listed = try BudgetStore.listEvaluated(organizationId: acme.organization.id, in: db)
        #expect(listed.map(\.budget) == [budget])
    }

    @Test("names are unique among live budgets of a connection, and free again after deletion")
    func liveNames() throws {
        let acme = try Tenant.create(db)
        let id = try insert(acme.draft(name: "Prod"), by: acme)
        #expect(throws: DomainError.self) { try insert(acme.draft(name: "prod"), by: acme) }
        let live = try #require(try BudgetStore.find(id, organizationId: acme.organization.id, in: db))
        try db.transaction { tx in try BudgetStore.softDelete(live, by: acme.admin.id, at: Date(), in: tx) }
        #expect(try BudgetStore.find(id, organizationId: acme.organization.id, in: db) == nil)
        _ = try insert(acme.draft(name: "Prod"), by: acme)
    }

    @Test("an edit keeps the ids of rules and recipients that stay, and moves derived figures")
    func ruleIdentity() throws {
        let acme = try Tenant.create(db)
        let rules: [ThresholdRule] = [.percentage(60, of: 1000, trigger: .actualSpend), .amount(900, of: 1000, trigger: .actualCost)]
        let id = try insert(acme.draft(rules: rules), by: acme)
        let before = try #require(try BudgetStore.find(id, organizationId: acme.organization.id, in: db))
        var draft = before.draft
        draft.amount = 2000
        draft.thresholdRules = [
            .percentage(60, of: 2000, trigger: .actualSpend), .amount(900, of: 2000, trigger: .actualCost),
            .percentage(120, of: 2000, trigger: .actualSpend),
        ]
        draft.alertRecipients = ["ops@example.com", "cfo@example.com"]
        try db.transaction { tx in try BudgetStore.update(before, to: draft, by: acme.admin.id, at: Date(), in: tx) }
        let after = try #require(try BudgetStore.find(id, organizationId: acme.organization.id, in: db))
        #expect(after.version == 2)
        #expect(after.thresholdRules[0].id == before.thresholdRules[0].id)
        #expect(after.thresholdRules[0].amount == 1200)
        #expect(after.thresholdRules[1].id == before.thresholdRules[1].id)
        #expect(after.thresholdRules[1].percentage == 45)
        #expect(after.thresholdRules[2].id != nil)
        #expect(after.alertRecipients[0].id == before.alertRecipients[0].id)
        #expect(after.alertRecipients.map(\.email) == ["ops@example.com", "cfo@example.com"])
    }

    @Test("the database refuses what the spec forbids even without the validator")
    func constraints() throws {
        let acme = try Tenant.create(db)
        let error = #expect(throws: MariaDBError.self) {
            try db.transaction { tx in try tx.execute("""
                INSERT INTO t_budgets (id, organization_id, csp_connection_id, name, amount, time_range, renewal_type, budget_type, start_month)
                VALUES (UUID(), \(acme.organization.id), \(acme.connection.id), 'x', 10, 'weekly', 'recurring', 'fixed', '2025-01-01')
                """) }
        }
        #expect(error?.kind == .constraintViolation)
        let other = try Tenant.create(db)
        let crossTenant = #expect(throws: MariaDBError.self) {
            try db.transaction { tx in try tx.execute("""
                INSERT INTO t_budgets (id, organization_id, csp_connection_id, name, amount, time_range, renewal_type, budget_type, start_month)
                VALUES (UUID(), \(acme.organization.id), \(other.connection.id), 'x', 10, 'monthly', 'recurring', 'fixed', '2025-01-01')
                """) }
        }
        #expect(crossTenant?.kind == .constraintViolation, "a budget cannot point at another tenant's connection")
    }

    @Test("spend counts the period's line items, of the selected services only")
    func spend() throws {
        let acme = try Tenant.create(db)
        try acme.cost(db, service: "Amazon EC2", day: "2025-05-31", billed: "1000")
        try acme.cost(db, service: "Amazon EC2", day: "2025-06-01", billed: "10.10", effective: "9")
        try acme.cost(db, service: "Amazon S3", day: "2025-06-30", billed: "0.00000000001")
        try acme.cost(db, service: "Amazon S3", day: "2025-07-01", billed: "1000")
        let all = try #require(try BudgetStore.find(try insert(acme.draft(name: "All"), by: acme), organizationId: acme.organization.id, in: db))
        let s3 = try #require(try BudgetStore.find(
            try insert(acme.draft(name: "S3", services: [acme.services["Amazon S3"]!.id]), by: acme),
            organizationId: acme.organization.id, in: db))
        let spend = try BudgetSpend.figures(of: [all, s3], on: LocalDate(iso: "2025-06-15")!, db)
        #expect(spend[all.id] == SpendFigures(billed: Decimal(string: "10.10000000001")!, effective: Decimal(string: "9.00000000001")!))
        #expect(spend[s3.id]?.billed == Decimal(string: "0.00000000001")!)
    }

    @Test("events are numbered per organization without gaps, in commit order, under concurrency")
    func eventSequence() throws {
        let acme = try Tenant.create(db)
        let configuration = database.configuration
        let organizationId = acme.organization.id
        let errors = ThreadResults<String>()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let connection = try Connection(configuration: configuration)
                for _ in 0..<10 {
                    try connection.transaction { tx in
                        _ = try EventLog.append(.budgetCreated, organizationId: organizationId, budgetId: nil, at: Date(), payload: [:], in: tx)
                    }
                }
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty)
        let events = try EventLog.events(organizationId: acme.organization.id, after: 0, limit: 100, in: db)
        #expect(events.map(\.sequence) == Array(1...40).map(Int64.init))
        #expect(try EventLog.events(organizationId: acme.organization.id, after: 38, limit: 100, in: db).map(\.sequence) == [39, 40])
    }
}
