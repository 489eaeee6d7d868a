public import Foundation
public import Kernel

/// The one set of rules for a budget definition, shared by the API and the pages.
///
/// Every problem is reported at once, each under the path of its field
/// (`thresholdRules[1].triggerType`), so a client or a person can fix them all in one go.
public struct BudgetValidator: Sendable {
    /// The largest amount a budget or a rule may have: what `DECIMAL(18,2)` holds.
    public static let maximumAmount = Decimal(string: "9999999999999999.99")!
    public static let maximumNameLength = 25
    public static let maximumRules = 20
    public static let maximumRecipients = 50
    public static let maximumServices = 500

    public let triggerTypes: [TriggerType]

    public init(triggerTypes: [TriggerType] = TriggerType.allCases) {
        self.triggerTypes = triggerTypes
    }

    /// Checks a new budget.
    /// - Parameter alreadyInvalid: fields the caller has reported already (a JSON type mismatch,
    ///   say), which are not reported twice.
    /// - Throws: `DomainError` `.invalid` listing every problem.
    public func validate(_ input: BudgetInput, alreadyInvalid: [FieldError] = []) throws(DomainError) -> BudgetDraft {
        var errors = FieldErrors(skipping: alreadyInvalid)
        let organizationId = FieldRules.uuid(input.organizationId, field: "organizationId", errors: &errors)
        let cspConnectionId = FieldRules.uuid(input.cspConnectionId, field: "cspConnectionId", errors: &errors)
        let name = FieldRules.name(input.name, field: "name", maximum: BudgetValidator.maximumNameLength, errors: &errors)
        let timeRange: TimeRange? = FieldRules.choice(input.timeRange, field: "timeRange", errors: &errors)
        let renewalType: RenewalType? = FieldRules.choice(input.renewalType, field: "renewalType", errors: &errors)
        let budgetType: BudgetType? = FieldRules.choice(input.budgetType, field: "budgetType", errors: &errors)
        let startMonth = self.startMonth(input.startMonth, &errors)
        let amount = money(input.amount, "amount", required: true, &errors)
        let serviceIds = self.serviceIds(input.selectedServiceIds, &errors)
        let rules = self.rules(input.thresholdRules ?? [], budgetAmount: amount, &errors)
        let recipients = self.recipients(input.alertRecipients ?? [], &errors)
        let tagFilters = self.tagFilters(input.tagFilters, &errors)

        let all = alreadyInvalid + errors.list
        guard all.isEmpty, let organizationId, let cspConnectionId, let name, let timeRange, let renewalType,
            let budgetType, let startMonth, let amount
        else { throw DomainError.invalid(all) }
        return BudgetDraft(
            organizationId: organizationId, cspConnectionId: cspConnectionId, name: name, timeRange: timeRange,
            renewalType: renewalType, budgetType: budgetType, startMonth: startMonth, amount: amount,
            selectedServiceIds: serviceIds, thresholdRules: rules, alertRecipients: recipients, tagFilters: tagFilters)
    }

    /// Checks an edit: the fields `changes` gives replace those of `current`; a given rule,
    /// recipient or tag filter list replaces the whole list; rules not given follow a new amount.
    /// - Throws: `DomainError` `.invalid` listing every problem.
    public func validate(changes: BudgetInput, to current: BudgetDraft, alreadyInvalid: [FieldError] = []) throws(DomainError) -> BudgetDraft {
        var extra: [FieldError] = []
        if let connection = changes.cspConnectionId, UUID(canonical: connection) != current.cspConnectionId {
            extra.append(FieldError("cspConnectionId", "cannot be changed; create a new budget for another connection"))
        }
        let merged = BudgetInput(current).overlaid(with: changes)
        return try validate(merged, alreadyInvalid: alreadyInvalid + extra)
    }

    // MARK: - Fields

    private func startMonth(_ text: String?, _ errors: inout FieldErrors) -> LocalDate? {
        guard let text, !text.isEmpty else {
            errors.add("startMonth", "is required (YYYY-MM-DD, the first day of a month)")
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            errors.add("startMonth", "must be a date written YYYY-MM-DD")
            return nil
        }
        guard date.isFirstOfMonth else {
            errors.add("startMonth", "must be the first day of a month, such as \(date.firstOfMonth.iso)")
            return nil
        }
        guard (2000...2100).contains(date.year) else {
            errors.add("startMonth", "must be between 2000 and 2100")
            return nil
        }
        return date
    }

    private func money(_ text: String?, _ field: String, required: Bool, _ errors: inout FieldErrors) -> Decimal? {
        guard let text = text?.trimmingWhitespaceAndNewlines(), !text.isEmpty else {
            if required { errors.add(field, "is required") }
            return nil
        }
        guard let value = Decimal(jsonNumber: text, maxFractionDigits: 11) else {
            errors.add(field, "must be a number such as 50000 or 50000.00")
            return nil
        }
        guard value > 0 else {
            errors.add(field, "must be greater than 0")
            return nil
        }
        guard value <= BudgetValidator.maximumAmount else {
            errors.add(field, "must be at most 9,999,999,999,999,999.99")
            return nil
        }
        guard value == value.rounded(2) else {
            errors.add(field, "must have at most 2 decimal places")
            return nil
        }
        return value
    }

    private func serviceIds(_ texts: [String]?, _ errors: inout FieldErrors) -> [UUID] {
        guard let texts else { return [] }
        if texts.count > BudgetValidator.maximumServices {
            errors.add("selectedServiceIds", "must list at most \(BudgetValidator.maximumServices) services")
            return []
        }
        var ids: [UUID] = []
        for (i, text) in texts.enumerated() {
            let field = "selectedServiceIds[\(i)]"
            guard let id = UUID(canonical: text) else {
                errors.add(field, "must be a service UUID")
                continue
            }
            if ids.contains(id) {
                errors.add(field, "is listed twice")
                continue
            }
            ids.append(id)
        }
        return ids
    }

    private func rules(_ inputs: [BudgetInput.RuleInput], budgetAmount: Decimal?, _ errors: inout FieldErrors) -> [ThresholdRule] {
        if inputs.count > BudgetValidator.maximumRules {
            errors.add("thresholdRules", "must have at most \(BudgetValidator.maximumRules) rules")
            return []
        }
        var rules: [ThresholdRule] = []
        for (i, input) in inputs.enumerated() {
            let prefix = "thresholdRules[\(i)]"
            let trigger: TriggerType? = FieldRules.choice(input.triggerType, field: "\(prefix).triggerType", allowed: triggerTypes, errors: &errors)
            let percentage = self.percentage(input.percentage, "\(prefix).percentage", &errors)
            let amount = money(input.amount, "\(prefix).amount", required: false, &errors)
            let percentageGiven = !(input.percentage ?? "").isEmpty
            let amountGiven = !(input.amount ?? "").isEmpty
            if !percentageGiven && !amountGiven {
                if !errors.skips("\(prefix).percentage") && !errors.skips("\(prefix).amount") {
                    errors.add(prefix, "needs a percentage, an amount, or both")
                }
                continue
            }
            guard let trigger, let budgetAmount, percentageGiven == (percentage != nil), amountGiven == (amount != nil) else { continue }
            let rule: ThresholdRule
            switch (percentage, amount) {
            case let (p?, a?):
                let expected = (budgetAmount * p / 100).rounded(2)
                guard abs((a - expected) as Decimal) <= Decimal(string: "0.01")! else {
                    errors.add("\(prefix).amount",
                               "does not match the percentage: \(p.plainText) % of \(budgetAmount.plainText) is \(expected.plainText)")
                    continue
                }
                rule = ThresholdRule(percentage: p, amount: a, triggerType: trigger, basis: .percentage)
            case let (p?, nil):
                rule = .percentage(p, of: budgetAmount, trigger: trigger)
                if rule.amount <= 0 || rule.amount > BudgetValidator.maximumAmount {
                    errors.add("\(prefix).percentage", "comes to \(rule.amount.plainText) of the budget's \(budgetAmount.plainText); "
                        + "a threshold must come to at least 0.01 and at most 9,999,999,999,999,999.99")
                    continue
                }
            case let (nil, a?):
                rule = .amount(a, of: budgetAmount, trigger: trigger)
                if rule.percentage > 1000 || rule.percentage <= 0 {
                    errors.add("\(prefix).amount",
                               "is \(rule.percentage.plainText) % of the budget; a threshold must be above 0 % and at most 1000 %")
                    continue
                }
            case (nil, nil):
                continue
            }
            if rules.contains(where: { $0.triggerType == rule.triggerType && $0.amount == rule.amount }) {
                errors.add(prefix, "repeats another rule with the same trigger type and level")
                continue
            }
            rules.append(rule)
        }
        return rules
    }

    private func percentage(_ text: String?, _ field: String, _ errors: inout FieldErrors) -> Decimal? {
        guard let text = text?.trimmingWhitespaceAndNewlines(), !text.isEmpty else { return nil }
        guard let value = Decimal(jsonNumber: text, maxFractionDigits: 11) else {
            errors.add(field, "must be a number such as 80 or 92.5")
            return nil
        }
        guard value > 0, value <= 1000 else {
            errors.add(field, "must be above 0 and at most 1000 (a threshold may be above 100 %, such as 120 %)")
            return nil
        }
        guard value == value.rounded(3) else {
            errors.add(field, "must have at most 3 decimal places")
            return nil
        }
        return value
    }

    private func recipients(_ texts: [String], _ errors: inout FieldErrors) -> [String] {
        if texts.count > BudgetValidator.maximumRecipients {
            errors.add("alertRecipients", "must list at most \(BudgetValidator.maximumRecipients) addresses")
            return []
        }
        var addresses: [String] = []
        for (i, text) in texts.enumerated() {
            guard let address = FieldRules.email(text, field: "alertRecipients[\(i)]", errors: &errors) else { continue }
            if addresses.contains(address) {
                errors.add("alertRecipients[\(i)]", "\(address) is listed twice")
                continue
            }
            addresses.append(address)
        }
        return addresses
    }
}
