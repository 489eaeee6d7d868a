public import CostData
public import Foundation
import JSON
import Kernel
public import Logging
public import MariaDB
public import Notifications
import Persistence
public import Templating
public import Web

/// Budgets as the application composes it: the budget API and pages, the threshold evaluation
/// after changes, after imports and on a schedule, and the event of each delivered alert e-mail.
public struct BudgetsModule: Sendable {
    public let templates: TemplateLibrary
    public let settings: BudgetAlertSettings
    public let validator: BudgetValidator
    let alerts: AlertTrigger

    public init(templates: TemplateLibrary, settings: BudgetAlertSettings, triggerTypes: [TriggerType] = TriggerType.allCases) {
        self.templates = templates
        self.settings = settings
        validator = BudgetValidator(triggerTypes: triggerTypes)
        alerts = AlertTrigger(templates: templates, settings: settings)
    }

    /// The budget use cases on a request's connection.
    public func service(_ db: Connection, now: Date, logger: Logger) -> BudgetService {
        BudgetService(db: db, now: now, validator: validator, alerts: alerts, logger: logger)
    }

    public func addRoutes(to routes: Routes) {
        BudgetRoutes(module: self).add(to: routes)
        AlertRoutes(module: self).add(to: routes)
        BudgetListPage(module: self).add(to: routes)
        BudgetDetailPage(module: self).add(to: routes)
        BudgetEditPages(module: self).add(to: routes)
        BudgetDeletePage(module: self).add(to: routes)
    }

    /// The worker's scheduled pass over every budget.
    public func evaluationLoop(database: ConnectionConfiguration, interval: Duration, logger: Logger) -> EvaluationLoop {
        EvaluationLoop(database: database, templates: templates, settings: settings, interval: interval, logger: logger)
    }

    /// One pass now (`budgetd evaluate`).
    public func evaluator(_ db: Connection, logger: Logger) -> Evaluator {
        Evaluator(connection: db, templates: templates, settings: settings, logger: logger)
    }

    /// Evaluates the connection's budgets once its costs are imported.
    public var importObserver: any ImportObserver { EvaluateAfterImport(alerts: alerts) }

    /// Writes `BudgetAlertTriggeredEvent` for each delivered alert e-mail.
    public var deliveryObserver: any DeliveryObserver { AlertDelivered() }

    /// Budgets' event types, for webhook subscriptions.
    public static let eventKinds = DomainEvent.Kind.budgetEvents
}

/// After an import, the connection's budgets are evaluated against the new figures.
struct EvaluateAfterImport: ImportObserver {
    let alerts: AlertTrigger

    func imported(_ summary: ImportSummary, organizationId: UUID, db: Connection, now: Date, logger: Logger) -> String? {
        guard let report = alerts.evaluate(.connection(summary.connectionId), connection: db, now: now, logger: logger) else {
            return "warning: the connection's budgets could not be evaluated now; the worker's next pass will"
        }
        return "evaluated: \(report.summary)"
    }
}

/// The spec's `BudgetAlertTriggeredEvent`: an alert e-mail reached its recipient.
struct AlertDelivered: DeliveryObserver {
    func delivered(_ message: OutboxMessage, attempts: Int, at: Date, in tx: Transaction) throws {
        guard message.channel == .email, let budgetId = message.budgetId else { return }
        let breachNumber = try message.breachId.flatMap { try BreachStore.number(of: $0, in: tx) }
        try EventLog.append(
            .alertTriggered, organizationId: message.organizationId, budgetId: budgetId, breachId: message.breachId, at: at,
            payload: [
                "breachId": breachNumber.map { .number(JSONNumber(Int($0))) } ?? .null,
                "budgetId": .string(budgetId.lowercasedString),
                "channel": .string(message.channel.rawValue),
                "recipient": .string(message.recipient),
                "outboxId": .number(JSONNumber(Int(message.number))),
                "attempts": .number(JSONNumber(attempts)),
                "deliveredAt": .string(UTCTimestamp.iso8601(at)),
            ], in: tx)
    }
}

extension Notice {
    static let budgetCreated = Notice("budget-created", "Budget created.")
    static let budgetUpdated = Notice("budget-updated", "Budget saved.")
    static let budgetDeleted = Notice("budget-deleted", "Budget deleted.")
    static let budgetRestored = Notice("budget-restored", "Budget restored, as it was before it was deleted.")
}

extension BudgetsModule {
    /// The budget pages' notices, for the renderer.
    public static let notices: [Notice] = [.budgetCreated, .budgetUpdated, .budgetDeleted, .budgetRestored]
}
