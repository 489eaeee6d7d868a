import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB
import TestSupport
import Testing

@Suite("Budget repository", .enabled(if: TestDatabase.isAvailable))
struct BudgetRepositoryTests {
    let database: ThrowawayDatabase
    let db: Connection

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
    }

    @Test("a budget reads back with its relations; another tenant cannot find it")
    func roundTrip() throws {
        let acme = try Tenant.create(db)
        let globex = try Tenant.create(db)
        let repository = MariaDBBudgetRepository(connection: db)
        let id = try repository.insert(acme.draft(services: [acme.services["Amazon S3"]!.id]), by: acme.admin.id, at: Date())
        let budget = try #require(try repository.find(id, organizationId: acme.organization.id))
        #expect(budget.name == "Budget")
        #expect(budget.amount == 1000)
        #expect(budget.selectedServices.map(\.serviceName) == ["Amazon S3"])
        #expect(budget.thresholdRules.map(\.amount) == [800])
        #expect(budget.alertRecipients.map(\.email) == ["ops@example.com"])
        #expect(budget.version == 1)
        #expect(try repository.find(id, organizationId: globex.organization.id) == nil)
        #expect(try repository.list(organizationId: globex.organization.id).isEmpty)
    }

    @Test("names are unique among live budgets of a connection, and free again after deletion")
    func liveNames() throws {
        let acme = try Tenant.create(db)
        let repository = MariaDBBudgetRepository(connection: db)
        let id = try repository.insert(acme.draft(name: "Prod"), by: acme.admin.id, at: Date())
        #expect(throws: DomainError.self) { try repository.insert(acme.draft(name: "prod"), by: acme.admin.id, at: Date()) }
        try repository.softDelete(try #require(try repository.find(id, organizationId: acme.organization.id)), by: acme.admin.id, at: Date())
        #expect(try repository.find(id, organizationId: acme.organization.id) == nil)
        _ = try repository.insert(acme.draft(name: "Prod"), by: acme.admin.id, at: Date())
    }

    @Test("an edit keeps the ids of rules and recipients that stay, and moves derived figures")
    func ruleIdentity() throws {
        let acme = try Tenant.create(db)
        let repository = MariaDBBudgetRepository(connection: db)
        let rules: [ThresholdRule] = [.percentage(60, of: 1000, trigger: .actualSpend), .amount(900, of: 1000, trigger: .actualCost)]
        let id = try repository.insert(acme.draft(rules: rules), by: acme.admin.id, at: Date())
        let before = try #require(try repository.find(id, organizationId: acme.organization.id))
        var draft = before.draft
        draft.amount = 2000
        draft.thresholdRules = [
            .percentage(60, of: 2000, trigger: .actualSpend), .amount(900, of: 2000, trigger: .actualCost), .percentage(120, of: 2000, trigger: .actualSpend),
        ]
        draft.alertRecipients = ["ops@example.com", "cfo@example.com"]
        try repository.update(before, to: draft, by: acme.admin.id, at: Date())
        let after = try #require(try repository.find(id, organizationId: acme.organization.id))
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
            try db.execute("""
                INSERT INTO t_budgets (id, organization_id, csp_connection_id, name, amount, time_range, renewal_type, budget_type, start_month)
                VALUES (UUID(), \(acme.organization.id), \(acme.connection.id), 'x', 10, 'weekly', 'recurring', 'fixed', '2025-01-01')
                """)
        }
        #expect(error?.kind == .constraintViolation)
        let other = try Tenant.create(db)
        let crossTenant = #expect(throws: MariaDBError.self) {
            try db.execute("""
                INSERT INTO t_budgets (id, organization_id, csp_connection_id, name, amount, time_range, renewal_type, budget_type, start_month)
                VALUES (UUID(), \(acme.organization.id), \(other.connection.id), 'x', 10, 'monthly', 'recurring', 'fixed', '2025-01-01')
                """)
        }
        #expect(crossTenant?.kind == .constraintViolation, "a budget cannot point at another tenant's connection")
    }

    @Test("spend counts the period's line items, of the selected services only")
    func spend() throws {
        let acme = try Tenant.create(db)
        let repository = MariaDBBudgetRepository(connection: db)
        try acme.cost(db, service: "Amazon EC2", day: "2025-05-31", billed: "1000")
        try acme.cost(db, service: "Amazon EC2", day: "2025-06-01", billed: "10.10", effective: "9")
        try acme.cost(db, service: "Amazon S3", day: "2025-06-30", billed: "0.00000000001")
        try acme.cost(db, service: "Amazon S3", day: "2025-07-01", billed: "1000")
        let all = try #require(try repository.find(try repository.insert(acme.draft(name: "All"), by: acme.admin.id, at: Date()), organizationId: acme.organization.id))
        let s3 = try #require(try repository.find(
            try repository.insert(acme.draft(name: "S3", services: [acme.services["Amazon S3"]!.id]), by: acme.admin.id, at: Date()),
            organizationId: acme.organization.id))
        let spend = try MariaDBSpendRepository(connection: db).spend(of: [all, s3], on: LocalDate(iso: "2025-06-15")!)
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
                    try connection.transaction {
                        try MariaDBEventStore(connection: connection).append(.budgetCreated, organizationId: organizationId, budgetId: nil, at: Date(), payload: [:])
                    }
                }
            } catch {
                errors.append("\(error)")
            }
        }
        #expect(errors.all.isEmpty)
        let events = try MariaDBEventStore(connection: db).list(organizationId: acme.organization.id, after: 0, limit: 100)
        #expect(events.map(\.sequence) == Array(1...40).map(Int64.init))
        #expect(try MariaDBEventStore(connection: db).list(organizationId: acme.organization.id, after: 38, limit: 100).map(\.sequence) == [39, 40])
    }
}
