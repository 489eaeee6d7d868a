import CostData
import HTTPKit
import Kernel
import Foundation

/// What the budget form holds, exactly as typed, so a form shown again loses nothing.
struct BudgetFormValues {
    struct RuleRow {
        var percentage = ""
        var amount = ""
        var trigger = TriggerType.actualSpend.rawValue
        var isBlank: Bool { percentage.trimmingWhitespaceAndNewlines().isEmpty && amount.trimmingWhitespaceAndNewlines().isEmpty }
    }

    /// One tag filter row: a key, and its values separated by commas (`TagValuesText`).
    struct TagRow {
        var key = ""
        var values = ""
        var isBlank: Bool { key.trimmingWhitespaceAndNewlines().isEmpty && values.trimmingWhitespaceAndNewlines().isEmpty }
    }

    var name = ""
    var connectionId = ""
    var timeRange = TimeRange.monthly.rawValue
    var renewalType = RenewalType.recurring.rawValue
    var budgetType = BudgetType.fixed.rawValue
    /// `YYYY-MM` as `<input type="month">` sends it.
    var startMonth = ""
    var amount = ""
    var serviceIds: Set<String> = []
    var tags: [TagRow] = []
    var rules: [RuleRow] = []
    var recipients = ""
    /// The version the edit started from (optimistic locking).
    var version = ""

    /// Blank rule rows shown below the filled ones, for adding rules without script.
    static let spareRules = 2
    /// Blank tag filter rows shown below the filled ones (at least two rows in all).
    static let spareTags = 1

    /// A new budget: this month, monthly, and the governance framework's four alert levels.
    static func new(today: LocalDate) -> BudgetFormValues {
        var values = BudgetFormValues()
        values.startMonth = String(today.firstOfMonth.iso.prefix(7))
        values.rules = ["60", "80", "100", "120"].map { RuleRow(percentage: $0, amount: "", trigger: TriggerType.actualSpend.rawValue) }
        return values
    }

    init() {}

    init(budget: Budget) {
        name = budget.name
        connectionId = budget.cspConnectionId.lowercasedString
        timeRange = budget.timeRange.rawValue
        startMonth = String(budget.startMonth.iso.prefix(7))
        amount = budget.amount.plainText
        serviceIds = Set(budget.selectedServices.map(\.id.lowercasedString))
        tags = budget.tagFilters.map { TagRow(key: $0.key, values: $0.valuesText) }
        rules = budget.thresholdRules.map { rule in
            rule.basis == .percentage
                ? RuleRow(percentage: rule.percentage.plainText, amount: "", trigger: rule.triggerType.rawValue)
                : RuleRow(percentage: "", amount: rule.amount.plainText, trigger: rule.triggerType.rawValue)
        }
        recipients = budget.alertRecipients.map(\.email).joined(separator: "\n")
        version = String(budget.version)
    }

    /// From a submitted form. Rule rows come as parallel repeated fields, one triple per row.
    init(form: Parameters) {
        name = form["name"] ?? ""
        connectionId = form["cspConnectionId"] ?? ""
        timeRange = form["timeRange"] ?? ""
        renewalType = form["renewalType"] ?? ""
        budgetType = form["budgetType"] ?? ""
        startMonth = form["startMonth"] ?? ""
        amount = form["amount"] ?? ""
        serviceIds = Set(form.all("serviceIds"))
        let percentages = form.all("rulePercentage")
        let amounts = form.all("ruleAmount")
        let triggers = form.all("ruleTrigger")
        // Twice what a budget may have is enough to show "at most 20 rules" with what was typed; a
        // body of 80,000 rows would otherwise come back as a page of 100 MB.
        let count = min(max(percentages.count, amounts.count, triggers.count), 2 * BudgetValidator.maximumRules)
        rules = (0..<count).map { i in
            RuleRow(percentage: i < percentages.count ? percentages[i] : "", amount: i < amounts.count ? amounts[i] : "",
                    trigger: i < triggers.count ? triggers[i] : TriggerType.actualSpend.rawValue)
        }
        // The spare rows came back blank: drop them, or each failed submit would add two more.
        while let last = rules.last, last.percentage.trimmingCharacters(in: .whitespaces).isEmpty,
              last.amount.trimmingCharacters(in: .whitespaces).isEmpty {
            rules.removeLast()
        }
        let keys = form.all("tagKey")
        let values = form.all("tagValues")
        // As for rules: enough rows to show "at most 10" with what was typed, never a page per posted row.
        let tagCount = min(max(keys.count, values.count), 2 * BudgetValidator.maximumTagFilters)
        tags = (0..<tagCount).map { i in TagRow(key: i < keys.count ? keys[i] : "", values: i < values.count ? values[i] : "") }
        while tags.last?.isBlank == true { tags.removeLast() }
        recipients = form["alertRecipients"] ?? ""
        version = form["version"] ?? ""
    }

    /// The tag filters for the validator, blank rows left out, and the form row each came from.
    var tagInputs: (inputs: [BudgetInput.TagFilterInput], rows: [Int]) {
        let filled = tags.enumerated().filter { !$0.element.isBlank }
        return (filled.map { BudgetInput.TagFilterInput(key: $0.element.key, values: TagValuesText.split($0.element.values)) }, filled.map(\.offset))
    }

    /// The input for the shared validator, and for each rule it contains, the form row it came from
    /// (blank rows are left out, so the numbering differs).
    /// `typeErrors`: amounts written in a way a person might mean otherwise, said exactly, for the validator to report.
    func input(organizationId: UUID, servicesOfConnection: [String]) -> (input: BudgetInput, ruleRows: [Int], typeErrors: [FieldError]) {
        var ruleRows: [Int] = []
        var rules: [BudgetInput.RuleInput] = []
        var typeErrors: [FieldError] = []
        if let problem = BudgetFormValues.amountProblem(amount) { typeErrors.append(FieldError("amount", problem)) }
        for (row, rule) in self.rules.enumerated() where !rule.isBlank {
            if let problem = BudgetFormValues.amountProblem(rule.amount) {
                typeErrors.append(FieldError("thresholdRules[\(rules.count)].amount", problem))
            }
            if let problem = BudgetFormValues.amountProblem(rule.percentage) {
                typeErrors.append(FieldError("thresholdRules[\(rules.count)].percentage", problem))
            }
            ruleRows.append(row)
            rules.append(BudgetInput.RuleInput(
                percentage: BudgetFormValues.number(rule.percentage), amount: BudgetFormValues.number(rule.amount), triggerType: rule.trigger))
        }
        let input = BudgetInput(
            organizationId: organizationId.lowercasedString,
            cspConnectionId: connectionId,
            name: name,
            timeRange: timeRange,
            renewalType: renewalType,
            budgetType: budgetType,
            startMonth: BudgetFormValues.firstOfMonth(startMonth),
            amount: BudgetFormValues.number(amount),
            // Only the chosen connection's boxes count: with script off, every connection's list is on the page.
            selectedServiceIds: serviceIds.filter { servicesOfConnection.contains($0) }.sorted(),
            thresholdRules: rules,
            alertRecipients: recipients.split(whereSeparator: { $0.isNewline || $0 == "," })  // browsers send CRLF, one Character
                .map { String($0).trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty },
            tagFilters: tagInputs.inputs)
        return (input, ruleRows, typeErrors)
    }

    /// What is wrong with an amount as typed, when it is written in a way the form will not guess at:
    /// `1.234,56` (a comma for decimals) or `1e3` (an exponent). Group commas and spaces are fine.
    static func amountProblem(_ text: String) -> String? {
        let t = text.trimmingWhitespaceAndNewlines().filter { $0 != " " && $0 != "\u{00A0}" && $0 != "$" }
        guard !t.isEmpty else { return nil }
        if t.contains(where: { $0 == "e" || $0 == "E" }) { return "must be written out in digits, such as 1000 (not \(t))" }
        let parts = t.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isNumber),
           parts[0].allSatisfy({ $0.isNumber || $0 == "." }) {
            return "use a dot for decimals: \(parts[0].filter { $0 != "." }).\(parts[1])"
        }
        return nil
    }

    /// People write `50,000.00` or `50 000`; the validator wants `50000.00`.
    static func number(_ text: String) -> String? {
        let cleaned = text.trimmingWhitespaceAndNewlines().filter { $0 != "," && $0 != " " && $0 != "\u{00A0}" && $0 != "$" }
        return cleaned.isEmpty ? nil : cleaned
    }

    /// `2025-06` → `2025-06-01`; anything else is passed on for the validator to judge.
    static func firstOfMonth(_ text: String) -> String {
        let t = text.trimmingWhitespaceAndNewlines()
        return t.utf8.count == 7 && t.dropFirst(4).first == "-" ? t + "-01" : t
    }
}
