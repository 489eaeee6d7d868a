@testable import Budgets
import Tenancy
import CostData
import Kernel
import Foundation
import Testing

@Suite("Budget validation")
struct BudgetValidatorTests {
    let validator = BudgetValidator()

    /// The spec's "Create Budget Request" example.
    static let specExample = BudgetInput(
        organizationId: "550e8400-e29b-41d4-a716-446655440000",
        cspConnectionId: "660e8400-e29b-41d4-a716-446655440001",
        name: "Q1 Production Budget",
        timeRange: "quarterly",
        renewalType: "recurring",
        budgetType: "fixed",
        startMonth: "2024-01-01",
        amount: "50000.0",
        selectedServiceIds: ["770e8400-e29b-41d4-a716-446655440002", "880e8400-e29b-41d4-a716-446655440003"],
        thresholdRules: [
            .init(percentage: "75.0", amount: "37500.0", triggerType: "actual cost"),
            .init(percentage: "90.0", amount: "45000.0", triggerType: "actual cost"),
        ],
        alertRecipients: ["finance@example.com", "operations@example.com", "cto@example.com"])

    func errors(_ input: BudgetInput) -> [FieldError] {
        do {
            _ = try validator.validate(input)
            return []
        } catch {
            return error.fieldErrors
        }
    }

    @Test("the spec's example is valid")
    func specExampleIsValid() throws {
        let draft = try validator.validate(Self.specExample)
        #expect(draft.name == "Q1 Production Budget")
        #expect(draft.amount == 50000)
        #expect(draft.thresholdRules.map(\.amount) == [37500, 45000])
        #expect(draft.thresholdRules.allSatisfy { $0.basis == .percentage })
        #expect(draft.selectedServiceIds.count == 2)
    }

    @Test("every missing required field is reported at once")
    func requiredFields() {
        let fields = errors(BudgetInput()).map(\.field)
        #expect(fields == ["organizationId", "cspConnectionId", "name", "timeRange", "renewalType", "budgetType", "startMonth", "amount"])
    }

    @Test(
        "field rules",
        arguments: [
            (\BudgetInput.name, "A name that is far too long for it", "name", "must be at most 25 characters (it has 34)"),
            (\BudgetInput.name, "   ", "name", "is required"),
            (\BudgetInput.timeRange, "weekly", "timeRange", "must be 'monthly', 'quarterly' or 'yearly'"),
            (\BudgetInput.renewalType, "once", "renewalType", "must be 'recurring'"),
            (\BudgetInput.budgetType, "variable", "budgetType", "must be 'fixed'"),
            (\BudgetInput.startMonth, "2024-01-15", "startMonth", "must be the first day of a month, such as 2024-01-01"),
            (\BudgetInput.startMonth, "01/01/2024", "startMonth", "must be a date written YYYY-MM-DD"),
            (\BudgetInput.amount, "-5", "amount", "must be greater than 0"),
            (\BudgetInput.amount, "0", "amount", "must be greater than 0"),
            (\BudgetInput.amount, "12.345", "amount", "must have at most 2 decimal places"),
            (\BudgetInput.amount, "12abc", "amount", "must be a number such as 50000 or 50000.00"),
            (\BudgetInput.amount, "1e400", "amount", "must be a number such as 50000 or 50000.00"),
            (\BudgetInput.organizationId, "not-a-uuid", "organizationId", "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000"),
        ] as [(any WritableKeyPath<BudgetInput, String?> & Sendable, String, String, String)])
    func fieldRules(path: any WritableKeyPath<BudgetInput, String?> & Sendable, value: String, field: String, message: String) {
        var input = Self.specExample
        input[keyPath: path] = value
        #expect(errors(input) == [FieldError(field, message)])
    }

    @Test("threshold rules: trigger type, ranges, agreement, derivation")
    func thresholdRules() throws {
        var input = Self.specExample
        input.thresholdRules = [
            .init(percentage: "80", triggerType: "actual spend"),
            .init(amount: "60000", triggerType: "actual cost"),
            .init(percentage: "75", amount: "30000", triggerType: "actual cost"),
            .init(percentage: "1001", triggerType: "actual cost"),
            .init(percentage: "50", triggerType: "invented"),
            .init(triggerType: "actual cost"),
            .init(percentage: "0", triggerType: "actual cost"),
        ]
        #expect(errors(input) == [
            FieldError("thresholdRules[2].amount", "does not match the percentage: 75 % of 50000 is 37500"),
            FieldError("thresholdRules[3].percentage", "must be above 0 and at most 1000 (a threshold may be above 100 %, such as 120 %)"),
            FieldError("thresholdRules[4].triggerType", "must be 'actual cost', 'actual spend' or 'forecasted cost'"),
            FieldError("thresholdRules[5]", "needs a percentage, an amount, or both"),
            FieldError("thresholdRules[6].percentage", "must be above 0 and at most 1000 (a threshold may be above 100 %, such as 120 %)"),
        ])
        input.thresholdRules = Array(input.thresholdRules!.prefix(2))
        let draft = try validator.validate(input)
        #expect(draft.thresholdRules[0].amount == 40000)
        #expect(draft.thresholdRules[0].basis == .percentage)
        #expect(draft.thresholdRules[1].percentage == 120)
        #expect(draft.thresholdRules[1].basis == .amount)
    }

    @Test("recipients must be valid and distinct")
    func recipients() {
        var input = Self.specExample
        input.alertRecipients = ["ok@example.com", "not an address", "OK@example.com", "a@b", "x@example.c0m", "@example.com"]
        #expect(errors(input).map(\.field) == ["alertRecipients[1]", "alertRecipients[2]", "alertRecipients[3]", "alertRecipients[5]"])
    }

    @Test("service ids must be UUIDs, listed once")
    func services() {
        var input = Self.specExample
        input.selectedServiceIds = ["770e8400-e29b-41d4-a716-446655440002", "770e8400-e29b-41d4-a716-446655440002", "x"]
        #expect(errors(input).map(\.field) == ["selectedServiceIds[1]", "selectedServiceIds[2]"])
    }

    @Test("fields the caller already reported are not reported twice")
    func alreadyInvalid() {
        var input = Self.specExample
        input.amount = nil
        #expect(throws: DomainError.invalid([FieldError("amount", "must be a number")])) {
            try validator.validate(input, alreadyInvalid: [FieldError("amount", "must be a number")])
        }
    }

    @Test("an edit replaces given fields; rules not given follow a new amount")
    func edit() throws {
        let current = try validator.validate(Self.specExample)
        let changed = try validator.validate(changes: BudgetInput(name: "Q1 Production Budget 2", amount: "60000"), to: current)
        #expect(changed.name == "Q1 Production Budget 2")
        #expect(changed.thresholdRules.map(\.amount) == [45000, 54000])
        #expect(changed.alertRecipients == current.alertRecipients)
        let replaced = try validator.validate(
            changes: BudgetInput(thresholdRules: [.init(percentage: "80.0", amount: "40000.0", triggerType: "actual spend")], alertRecipients: []),
            to: current)
        #expect(replaced.thresholdRules.count == 1)
        #expect(replaced.alertRecipients.isEmpty)
        #expect(throws: DomainError.self) {
            try validator.validate(changes: BudgetInput(cspConnectionId: "990e8400-e29b-41d4-a716-446655440009"), to: current)
        }
    }

    @Test("a percentage whose amount would round to nothing, or overflow, is refused by name")
    func derivedAmountsStayInRange() {
        var tiny = Self.specExample
        tiny.amount = "1"
        tiny.thresholdRules = [.init(percentage: "0.1", triggerType: "actual spend")]
        #expect(errors(tiny).map(\.field) == ["thresholdRules[0].percentage"])

        var huge = Self.specExample
        huge.amount = "9999999999999999.99"
        huge.thresholdRules = [.init(percentage: "120", triggerType: "actual spend")]
        #expect(errors(huge).map(\.field) == ["thresholdRules[0].percentage"])
    }

    @Test("ids are taken as given: one with a space around it is not a UUID")
    func idsAreNotTrimmed() {
        var input = Self.specExample
        input.organizationId = " 550e8400-e29b-41d4-a716-446655440000"
        input.cspConnectionId = "660e8400-e29b-41d4-a716-446655440001\n"
        input.selectedServiceIds = ["770e8400-e29b-41d4-a716-446655440002 "]
        #expect(errors(input).map(\.field) == ["organizationId", "cspConnectionId", "selectedServiceIds[0]"])
    }

    @Test("a field reported by the caller is not reported again, nor anything inside it")
    func alreadyInvalidCoversNestedFields() {
        var input = Self.specExample
        input.thresholdRules = [.init(), .init(percentage: "80", triggerType: "nope")]
        do {
            _ = try validator.validate(input, alreadyInvalid: [FieldError("thresholdRules[0]", "must be an object, not number")])
            Issue.record("expected an error")
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["thresholdRules[0]", "thresholdRules[1].triggerType"])
        }
    }
}
