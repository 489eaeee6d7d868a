import CostData
import Foundation
import HTTPKit
import Kernel
import Notifications
import Templating
import Web

/// `/budgets/{id}` as the template draws it.
struct BudgetShow: Page {
    static let template = "budgets/budgets.show"
    var view: BudgetView
    var chart: SpendChart
    var alerts: [AlertHistory.Entry]
    var history: [AuditEntry]
    /// This period and those before it.
    var periods: PeriodHistory
    /// The end of the connection's newest charge; stale data is flagged.
    var newestCharge: Date?
    var now: Date
    /// Why a delivery failed is for admins only.
    var showErrors: Bool
    var title: String { view.budget.name }

    var templateValue: TemplateValue {
        var values = BudgetShow.details(view)
        values["chart"] = chart.context
        values["alerts"] = .list(alerts.map { BudgetShow.alertContext($0, currency: view.budget.currency, showErrors: showErrors) })
        values["lastEvaluated"] = view.lastEvaluatedAt.map { date in
            ["when": .string(DateFormat.timestamp(date)), "datetime": .string(UTCTimestamp.iso8601(date))]
        } ?? .bool(false)
        if ChargeFreshness.isStale(newestCharge: newestCharge, now: now) {
            values["stale"] = [
                "newest": .string(newestCharge.map(DateFormat.timestamp) ?? "never"),
                "hours": .string(newestCharge.map { "\(ChargeFreshness.hoursSince($0, now: now)) hours ago" } ?? "no cost data at all"),
            ]
        }
        let currency = view.budget.currency
        let money = { (value: Decimal) in MoneyFormat.amount(value, currency: currency) }
        values["periods"] = .list(periods.entries.map { entry in
            let m = entry.metrics
            let reached = m.rules.filter(\.reached)
            return [
                "period": .string(DateFormat.period(m.period)), "current": .bool(!entry.complete),
                "spend": .string(money(m.currentSpend)),
                "utilization": .string(MoneyFormat.percent(m.utilizationPercentage, fractionDigits: 2)),
                "forecast": .string(entry.complete ? money(m.currentSpend) : m.forecastSpend.map(money) ?? "from day 3"),
                "status": .string(m.status.rawValue), "statusLabel": .string(PageFormat.statusLabel(m.status)),
                "reached": .list(reached.map { state in
                    ["level": .string(MoneyFormat.level(state.rule.percentage)),
                     "class": .string(BudgetStatus.reached(level: state.rule.percentage).rawValue),
                     "trigger": state.rule.triggerType == .actualSpend ? .bool(false) : .string(state.rule.triggerType.label.lowercased())]
                }),
                "noneReached": .bool(reached.isEmpty),
            ]
        })
        values["hasPastPeriods"] = .bool(periods.entries.count > 1)
        values["periodChart"] = PeriodChart(history: periods, amount: view.budget.amount, currency: currency).context
        values["history"] = .list(history.map { entry in
            [
                "when": .string(DateFormat.timestamp(entry.occurredAt)),
                "datetime": .string(UTCTimestamp.iso8601(entry.occurredAt)),
                "who": .string(entry.actorEmail ?? "someone"),
                "action": .string(entry.action.rawValue),
                "changes": .list(AuditSummary.changes(before: entry.before, after: entry.after).map(TemplateValue.string)),
            ]
        })
        return .object(values)
    }

    /// One breach and who was told about it, worded for people; why a delivery failed only for admins.
    static func alertContext(_ entry: AlertHistory.Entry, currency: String, showErrors: Bool) -> TemplateValue {
        let b = entry.breach
        let money = { (value: Decimal) in MoneyFormat.amount(value, currency: currency) }
        return [
            "when": .string(DateFormat.timestamp(b.breachedAt)),
            "datetime": .string(UTCTimestamp.iso8601(b.breachedAt)),
            "level": .string(MoneyFormat.level(b.thresholdPercentage)),
            "threshold": .string(money(b.thresholdAmount)),
            "figure": .string(money(b.figure)),
            "trigger": .string(b.triggerType.label.lowercased()),
            "period": .string(DateFormat.period(b.period)),
            "cleared": b.clearedAt.map { .string(DateFormat.timestamp($0)) } ?? .bool(false),
            "announcedWith": entry.announcedWith.map { other in
                .string(MoneyFormat.level(other.thresholdPercentage))
            } ?? .bool(false),
            "deliveries": .list(entry.deliveries.map { message in
                [
                    "recipient": .string(message.channel == .email ? message.recipient : "Webhook"),
                    "status": .string(message.status.rawValue),
                    "statusLabel": .string(message.status.label(attempts: message.attempts)),
                    "attempts": .string(String(message.attempts)),
                    "detail": .string(message.deliveredAt.map { "at " + DateFormat.timestamp($0) } ?? (showErrors ? message.lastError : nil) ?? ""),
                ]
            }),
        ]
    }

    static func details(_ view: BudgetView) -> [String: TemplateValue] {
        let b = view.budget
        let m = view.metrics
        let money = { (value: Decimal) in MoneyFormat.amount(value, currency: b.currency) }
        return [
            "budget": [
                "id": .string(b.id.lowercasedString),
                "name": .string(b.name),
                "connectionName": .string(b.cspConnectionName),
                "timeRange": .string(b.timeRange.label),
                "startMonth": .string(DateFormat.month(b.startMonth)),
                "period": .string(DateFormat.period(m.period)),
                "amount": .string(money(b.amount)),
                "spend": .string(money(m.currentSpend)),
                "actualCost": .string(money(m.actualCost)),
                "remaining": .string(money(m.remainingAmount)),
                "forecast": .string(m.forecastSpend.map(money) ?? "From \(DateFormat.day(m.forecastAvailableFrom))"),
                "meter": PageFormat.meter(m.utilizationPercentage, status: m.status),
                "status": .string(m.status.rawValue),
                "statusLabel": .string(PageFormat.statusLabel(m.status)),
                "daysRemaining": .string(String(m.daysRemaining)),
                "version": .string(String(b.version)),
                "currency": .string(b.currency),
            ],
            "rules": .list(m.rules.map { state in
                [
                    "percentage": .string(MoneyFormat.level(state.rule.percentage)),
                    "amount": .string(money(state.rule.amount)),
                    "trigger": .string(state.rule.triggerType.label),
                    "figure": .string(money(state.figure)),
                    "reached": .bool(state.reached),
                    "level": .string(BudgetStatus.reached(level: state.rule.percentage).rawValue),
                ]
            }),
            "recipients": .list(b.alertRecipients.map { .string($0.email) }),
            "services": .list(b.selectedServices.map { .string($0.serviceName) }),
            "tagFilters": .list(b.tagFilters.map { .string($0.label) }),
        ]
    }
}

/// `/budgets/{id}`: one budget, its thresholds and whether each is reached, its recipients and
/// services, its alerts, and who changed what when.
struct BudgetDetailPage {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.pages.get("/budgets/:id") { request, page in
            let service = module.service(page.db, now: page.now, logger: page.logger)
            let granularity: SpendSeries.Granularity = request.query["granularity"] == "month" ? .month : .day
            let (view, series) = try service.spendSeries(try request.budgetId(), granularity: granularity, for: page.principal)
            let show = BudgetShow(
                view: view,
                chart: SpendChart(series: series, currency: view.budget.currency, thresholds: view.budget.thresholdRules.map(\.amount)),
                alerts: try AlertHistory.load(budget: view.budget, connection: page.db),
                history: try service.history(view.budget.id, for: page.principal),
                periods: try service.periods(of: view),
                newestCharge: try service.newestCharge(of: view.budget), now: page.now,
                showErrors: page.principal.canAdministerOrganization)
            return try routes.renderer.render(show, request: request, session: page.session)
        }
    }
}
