@testable import Budgets
import Testing

/// Amounts as people type them in the budget form: group separators are read, ambiguous forms are named.
@Suite("Budget form amounts")
struct BudgetFormAmountTests {
    @Test("a comma for decimals and an exponent are said exactly; group commas and spaces are fine")
    func problems() {
        #expect(BudgetFormValues.amountProblem("1.234,56") == "use a dot for decimals: 1234.56")
        #expect(BudgetFormValues.amountProblem("150,5") == "use a dot for decimals: 150.5")
        #expect(BudgetFormValues.amountProblem("1e3") == "must be written out in digits, such as 1000 (not 1e3)")
        for fine in ["12,500.50", "1,500", "50 000", "$350", "", "0.5", "12,500.505"] {
            #expect(BudgetFormValues.amountProblem(fine) == nil, "\(fine)")
        }
        #expect(BudgetFormValues.number("$12,500.50") == "12500.50")
    }
}
