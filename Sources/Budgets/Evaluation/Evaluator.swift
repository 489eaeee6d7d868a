import CostData
public import Foundation
import JSON
import Kernel
public import Logging
public import MariaDB
import Notifications
public import Templating

/// Checks budgets against their threshold rules: the one code path behind the scheduled pass in
/// `budgetd serve`, the pass after a cost import, the pass after a budget changes, and
/// `budgetd evaluate`.
///
/// Safe to run in many processes at once against one database: a breach is a row under a unique
/// key (rule, period), and its event and messages are written in the transaction that inserts it,
/// so whichever evaluator inserts first sends the alert and every other one finds the row taken.
public struct Evaluator {
    let connection: Connection
    let templates: TemplateLibrary
    let settings: BudgetAlertSettings
    let logger: Logger

    public init(connection: Connection, templates: TemplateLibrary, settings: BudgetAlertSettings, logger: Logger) {
        self.connection = connection
        self.templates = templates
        self.settings = settings
        self.logger = logger
    }

    /// Evaluates the budgets of `scope` as of `now`: records new breaches with their event and
    /// e-mails, clears breaches whose threshold was raised above the figure, and stores each
    /// budget's status and figures.
    /// - Throws: `MariaDBError` when the database fails; what was committed before stays, and the
    ///   next pass finishes the job (it decides from the database, not from memory).
    public func run(_ scope: EvaluationScope, now: Date) throws -> EvaluationReport {
        let started = ContinuousClock.now
        let today = LocalDate(now)
        let budgets: [Budget]
        switch scope {
        case .all: budgets = try BudgetStore.allLive(in: connection)
        case .connection(let id): budgets = try BudgetStore.allLive(connectionId: id, in: connection)
        case .budget(let id): budgets = try BudgetStore.allLive(budgetId: id, in: connection)
        }
        var report = EvaluationReport()
        guard !budgets.isEmpty else { return report }

        let spend = try BudgetSpend.figures(of: budgets, on: today, connection, everyConnection: scope == .all)
        // Breaches of periods before the earliest current one cannot matter.
        let earliest = budgets.map { BudgetPeriod.containing(today, startMonth: $0.startMonth, timeRange: $0.timeRange).start }.min()!
        let active = try BreachStore.active(since: earliest, budgetIds: scope == .all ? nil : budgets.map(\.id), in: connection)

        var results: [(budgetId: UUID, metrics: BudgetMetrics)] = []
        results.reserveCapacity(budgets.count)
        // The repository's order (by id) is the same in every evaluator, so concurrent passes
        // queue behind each other's breach rows instead of deadlocking on them.
        for budget in budgets {
            let evaluation = ThresholdEvaluation(budget: budget, spend: spend[budget.id] ?? .zero, activeBreaches: active, today: today)
            results.append((budget.id, evaluation.metrics))
            report.budgets += 1
            guard evaluation.changesBreaches else { continue }
            do {
                let outcome = try connection.transaction { tx in try apply(evaluation, now: now, in: tx) }
                report.breaches += outcome.breaches
                report.rearmed += outcome.rearmed
                report.messages += outcome.messages
            } catch let error as MariaDBError where error.isServerCondition || connection.isBroken {
                throw error
            } catch {
                // One budget that cannot be written (its transaction rolled back) must not keep
                // every other budget from alerting; the next pass tries it again.
                report.failed += 1
                logger.error("cannot record the budget's alert", metadata: ["budget_id": "\(budget.id.lowercasedString)", "error": "\(error)"])
            }
        }
        try EvaluationStore.save(results, at: now, on: connection)
        report.duration = ContinuousClock.now - started
        return report
    }

    /// Writes one budget's new breaches, then one `BudgetThresholdExceededEvent` and one e-mail per
    /// recipient about all of them (led by the highest), and clears its re-armed breaches. Runs
    /// inside a transaction; safe to run again after a rollback.
    private func apply(_ evaluation: ThresholdEvaluation, now: Date, in tx: Transaction) throws -> EvaluationReport {
        var outcome = EvaluationReport()
        // Deleted or changed since this pass read it: the change evaluates it again by itself.
        guard try BudgetStore.lockVersion(evaluation.budget.id, in: tx) == evaluation.budget.version else {
            return outcome
        }
        outcome.rearmed = try BreachStore.clear(evaluation.rearming, at: now, in: tx)
        let budget = evaluation.budget
        let metrics = evaluation.metrics
        var recorded: [(state: BudgetMetrics.RuleState, breach: RecordedBreach)] = []
        for state in evaluation.firing {
            guard let breach = try BreachStore.record(budget: budget, state: state, period: metrics.period, at: now, in: tx) else { continue }
            recorded.append((state, breach))
            logger.info("threshold reached", metadata: [
                "budget_id": "\(budget.id.lowercasedString)", "rule_id": "\(state.rule.id?.lowercasedString ?? "-")",
                "trigger": "\(state.rule.triggerType.rawValue)", "threshold": "\(state.rule.amount)", "figure": "\(state.figure)",
                "period": "\(metrics.period)", "breach_id": "\(breach.id)", "alert_number": "\(breach.number)",
            ])
        }
        outcome.breaches = recorded.count
        guard let headline = AlertMessage.headline(of: recorded.map(\.state)),
            let headlineBreach = recorded.first(where: { $0.state == headline })?.breach
        else { return outcome }
        try EventLog.append(
            .thresholdExceeded, organizationId: budget.organizationId, budgetId: budget.id, breachId: headlineBreach.id, at: now,
            payload: BreachEvent.payload(recorded: recorded, headline: headlineBreach, budget: budget, metrics: metrics, at: now), in: tx)
        let message = try AlertMessage(budget: budget, states: recorded.map(\.state), metrics: metrics, templates: templates, settings: settings)
        for recipient in budget.alertRecipients {
            try Outbox.enqueueEmail(organizationId: budget.organizationId, budgetId: budget.id, breachId: headlineBreach.id, to: recipient.email,
                                    subject: message.subject, text: message.text, html: message.html, at: now, in: tx)
            outcome.messages += 1
        }
        return outcome
    }
}
