@testable import Budgets
import CostData
import Kernel
import Foundation
import Tenancy
import Logging
import MariaDB
import Templating
import TestSupport

/// A throwaway database with one tenant, and what an evaluator and a deliverer need around it.
struct AlertFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates: TemplateLibrary = try! TemplateLibrary(directory: repository.appendingPathComponent("templates").path)
    static let logger = Logger(label: "test")

    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant
    /// 2025-06-20: the monthly test budgets are in June 2025.
    let now = UTCTimestamp.parse("2025-06-20 12:00:00")!

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
    }

    /// A monthly budget from June 2025 with 60 % and 80 % actual-spend rules and `recipients`.
    @discardableResult
    func budget(name: String = "Budget", amount: Decimal = 1000, recipients: [String] = ["ops@example.com", "cfo@example.com"]) throws -> Budget {
        var draft = tenant.draft(name: name, amount: amount, rules: [
            .percentage(60, of: amount, trigger: .actualSpend), .percentage(80, of: amount, trigger: .actualSpend),
        ])
        draft.alertRecipients = recipients
        return try db.transaction { tx in
            let id = try BudgetStore.insert(draft, by: tenant.admin.id, at: now, in: tx)
            return try BudgetStore.find(id, organizationId: tenant.organization.id, in: tx)!
        }
    }

    func evaluator(_ connection: Connection? = nil, settings: BudgetAlertSettings = BudgetAlertSettings()) -> Evaluator {
        Evaluator(connection: connection ?? db, templates: AlertFixture.templates, settings: settings, logger: AlertFixture.logger)
    }

    func count(_ sql: SQLQuery) throws -> Int {
        try db.query(sql).first?.int("n") ?? -1
    }
}

extension Tenant {
    /// A monthly budget from June 2025 on the tenant's connection, with one 80 % rule unless told.
    func draft(name: String = "Budget", amount: Decimal = 1000, rules: [ThresholdRule]? = nil, services: [UUID] = []) -> BudgetDraft {
        BudgetDraft(
            organizationId: organization.id, cspConnectionId: connection.id, name: name, timeRange: .monthly, renewalType: .recurring,
            budgetType: .fixed, startMonth: LocalDate(iso: "2025-06-01")!, amount: amount, selectedServiceIds: services,
            thresholdRules: rules ?? [.percentage(80, of: amount, trigger: .actualSpend)], alertRecipients: ["ops@example.com"])
    }
}
