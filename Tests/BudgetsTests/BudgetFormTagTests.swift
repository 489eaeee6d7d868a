@testable import Budgets
import CostData
import Foundation
import HTTPKit
import Kernel
import Templating
import Testing

/// The budget form's tag filter rows: what they send to the validator, and how they come back.
@Suite("Budget form tag filters")
struct BudgetFormTagTests {
    @Test("values are separated by commas; a value that holds a comma or starts with a quote is written in quotes")
    func valuesText() {
        #expect(TagValuesText.split("engineering, product,, ") == ["engineering", "product"])
        #expect(TagValuesText.split(#""R&D, Europe", ops"#) == ["R&D, Europe", "ops"])
        #expect(TagValuesText.split(#"say "hi", "a ""quoted"" one""#) == [#"say "hi""#, #"a "quoted" one"#])
        for values in [["engineering"], ["R&D, Europe", "ops"], [#""quoted""#, "plain"], ["a,b,c", #"x"y"#]] {
            #expect(TagValuesText.split(TagFilter(key: "Team", values: values).valuesText) == values, "\(values)")
        }
        #expect(TagFilter(key: "Team", values: ["engineering", "product"]).valuesText == "engineering, product")
        #expect(TagFilter(key: "Team", values: ["R&D, Europe", "ops"]).label == #"Team: "R&D, Europe", ops"#)
    }

    @Test("rows as posted: blank rows are dropped, each filter knows the row it came from, typed text is kept")
    func rows() {
        let form = Parameters([("tagKey", ""), ("tagValues", ""), ("tagKey", "Department"), ("tagValues", "engineering, product"),
                               ("tagKey", "Team"), ("tagValues", ""), ("tagKey", ""), ("tagValues", "")])
        let values = BudgetFormValues(form: form)
        #expect(values.tags.map(\.key) == ["", "Department", "Team"], "the trailing blank row goes, the rows between stay")
        let (inputs, rows) = values.tagInputs
        #expect(inputs == [.init(key: "Department", values: ["engineering", "product"]), .init(key: "Team", values: [])])
        #expect(rows == [1, 2])
        let view = BudgetFormView(values: values, errors: [FieldError("tagFilters[1].values", "must list at least one value")],
                                  ruleRows: [], connections: [], services: [:], triggerTypes: TriggerType.allCases)
        let tags = view.context["tags"]?.listValue ?? []
        #expect(tags.count == 4, "the three typed rows and one spare")
        #expect(tags[2]["valuesError"]?.stringValue == "must list at least one value")
        #expect(tags[1]["values"]?.stringValue == "engineering, product")
        let summary = view.context["errorSummary"]?.listValue ?? []
        #expect(summary.first?["anchor"]?.stringValue == "tag-2-values")
        #expect(summary.first?["text"]?.stringValue == "Tag filter 3 values must list at least one value")
        let repeated = BudgetFormView(values: values, errors: [FieldError("tagFilters[1].key", "is the same key as tagFilters[0].key (…)")],
                                      ruleRows: [], connections: [], services: [:], triggerTypes: [])
        #expect(repeated.context["errorSummary"]?.listValue?.first?["text"]?.stringValue
            == "Tag filter 3 key is the same key as tag filter 2 (…)", "the other filter named by its row, not its API path")
    }

    @Test("an edit shows the budget's filters as typed text, two rows at least")
    func fromBudget() {
        var values = BudgetFormValues()
        #expect(BudgetFormView(values: values, errors: [], ruleRows: [], connections: [], services: [:], triggerTypes: [])
            .context["tags"]?.listValue?.count == 2)
        values.tags = [.init(key: "Department", values: TagFilter(key: "Department", values: ["R&D, Europe", "ops"]).valuesText)]
        #expect(values.tagInputs.inputs == [.init(key: "Department", values: ["R&D, Europe", "ops"])])
    }
}

private extension TemplateValue {
    subscript(_ key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
    var listValue: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
