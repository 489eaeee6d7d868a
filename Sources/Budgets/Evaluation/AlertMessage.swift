import CostData
import Kernel
import Foundation
import Templating

/// The e-mail about the thresholds a budget reached in one evaluation, as text and HTML,
/// rendered from `templates/emails/`.
///
/// A budget that jumps past 60 % and 80 % at once (a late bill, a first import) sends its
/// recipients one message about 80 % that mentions 60 %, not two at the same minute.
struct AlertMessage {
    let subject: String
    let text: String
    let html: String

    /// The rule a message leads with: the highest actual threshold, or the highest forecast one
    /// when only forecasts were reached; money already spent outranks money forecast.
    static func headline(of states: [BudgetMetrics.RuleState]) -> BudgetMetrics.RuleState? {
        states.max { a, b in
            let aActual = a.rule.triggerType != .forecastedCost
            let bActual = b.rule.triggerType != .forecastedCost
            return aActual == bActual ? a.rule.amount < b.rule.amount : !aActual
        }
    }

    /// - Parameter states: the rules reached in this evaluation, at least one.
    /// - Throws: `TemplateError` when a template is missing (the worker checks them at start-up).
    init(budget: Budget, states: [BudgetMetrics.RuleState], metrics: BudgetMetrics, templates: TemplateLibrary,
         settings: BudgetAlertSettings) throws {
        let state = AlertMessage.headline(of: states)!
        let money = { (value: Decimal) in MoneyFormat.amount(value, currency: budget.currency) }
                let level = MoneyFormat.level(state.rule.percentage)
        let others = states.filter { $0 != state }.sorted { $0.rule.amount < $1.rule.amount }
        let context: TemplateValue = [
            "budgetName": .string(budget.name),
            "organizationName": .string(budget.organizationName),
            "connectionName": .string(budget.cspConnectionName),
            // Only the costs with these tags count: the reader must know which.
            "tags": budget.tagFilters.isEmpty ? .bool(false) : .string(budget.tagFilters.label),
            "level": .string(level),
            "thresholdAmount": .string(money(state.rule.amount)),
            "trigger": .string(state.rule.triggerType.label.lowercased()),
            "isForecast": .bool(state.rule.triggerType == .forecastedCost),
            "figure": .string(money(state.figure)),
            "spend": .string(money(metrics.currentSpend)),
            "amount": .string(money(budget.amount)),
            "remaining": .string(money(metrics.remainingAmount)),
            "utilization": .string(MoneyFormat.percent(metrics.utilizationPercentage, fractionDigits: 2)),
            "forecast": .string(metrics.forecastSpend.map { "\(money($0)) by the end of the period" }
                ?? "none yet: a forecast needs the period's first \(RunRateForecast.minimumDays) days"
                    + " (from \(DateFormat.day(metrics.forecastAvailableFrom)))"),
            "period": .string(DateFormat.period(metrics.period)),
            "daysRemaining": .string(String(metrics.daysRemaining)),
            "exceeded": .bool(metrics.status == .exceeded),
            "alsoReached": .list(others.map { other in
                ["level": .string(MoneyFormat.level(other.rule.percentage)), "thresholdAmount": .string(money(other.rule.amount)),
                 "trigger": .string(other.rule.triggerType.label.lowercased())]
            }),
            "link": .string(settings.publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/budgets/\(budget.id.lowercasedString)"),
        ]
        subject = state.rule.triggerType == .forecastedCost
            ? "Budget \"\(budget.name)\" is forecast to reach \(level): \(money(state.figure)) of \(money(budget.amount))"
            : "Budget \"\(budget.name)\" reached \(level): \(money(state.figure)) of \(money(budget.amount))"
        text = try templates.render("budgets/emails/alert.text", context, as: .plainText)
        html = try templates.render("budgets/emails/alert.html", context)
    }
}
