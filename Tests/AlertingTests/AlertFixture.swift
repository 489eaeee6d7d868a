import Alerting
import BudgetCore
import BudgetStorage
import Foundation
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
        let repository = MariaDBBudgetRepository(connection: db)
        let id = try repository.insert(draft, by: tenant.admin.id, at: now)
        return try repository.find(id, organizationId: tenant.organization.id)!
    }

    func evaluator(_ connection: Connection? = nil, settings: AlertSettings = AlertSettings()) -> Evaluator {
        Evaluator(connection: connection ?? db, templates: AlertFixture.templates, settings: settings, logger: AlertFixture.logger)
    }

    func count(_ sql: SQLQuery) throws -> Int {
        try db.query(sql).first?.int("n") ?? -1
    }
}
