@testable import Budgets
import CostData
import Kernel
import Testing

/// A budget's tag filters at the edges of what the validator (and the OpenAPI document) allows.
@Suite("Budget tag filter validation")
struct BudgetTagFilterValidationTests {
    let validator = BudgetValidator()

    func input(_ filters: [BudgetInput.TagFilterInput]?) -> BudgetInput {
        var input = BudgetValidatorTests.specExample
        input.tagFilters = filters
        return input
    }

    func errors(_ filters: [BudgetInput.TagFilterInput]?) -> [FieldError] {
        do {
            _ = try validator.validate(input(filters))
            return []
        } catch {
            return error.fieldErrors
        }
    }

    func filters(_ given: [BudgetInput.TagFilterInput]?) throws -> [TagFilter] { try validator.validate(input(given)).tagFilters }

    static func filter(_ key: String?, _ values: [String]?) -> BudgetInput.TagFilterInput { .init(key: key, values: values) }

    @Test("none, null and an empty list all mean every cost")
    func absent() throws {
        #expect(try filters(nil).isEmpty)
        #expect(try filters([]).isEmpty)
    }

    @Test("keys and values are kept as written, trimmed; values once each as TagKey matches them, the first spelling kept")
    func keptAsWritten() throws {
        let kept = try filters([Self.filter("  user:Department ", [" Engineering", "engineering ", "ENGINEERING", "Product"])])
        #expect(kept == [TagFilter(key: "user:Department", values: ["Engineering", "Product"])])
        #expect(kept[0].normalizedKey == "department" && kept[0].normalizedValues == ["engineering", "product"])
    }

    @Test("at most 10 filters")
    func tenFilters() throws {
        let ten = (0..<10).map { Self.filter("Key\($0)", ["v"]) }
        #expect(try filters(ten).count == 10)
        #expect(errors(ten + [Self.filter("Key10", ["v"])]) == [FieldError("tagFilters", "must have at most 10 tag filters")])
    }

    @Test("a key is required, names a tag, and has at most 128 characters as sent")
    func keys() {
        #expect(errors([Self.filter(String(repeating: "k", count: 128), ["v"])]).isEmpty)
        #expect(errors([Self.filter(String(repeating: "k", count: 129), ["v"])])
            == [FieldError("tagFilters[0].key", "must be at most 128 characters (it has 129)")])
        #expect(errors([Self.filter(" " + String(repeating: "k", count: 127) + " ", ["v"])])
            == [FieldError("tagFilters[0].key", "must be at most 128 characters (it has 129)")], "surrounding spaces count, as sent")
        for missing in [nil, "", "   "] as [String?] {
            #expect(errors([Self.filter(missing, ["v"])]) == [FieldError("tagFilters[0].key", "is required: the tag's name, such as Department")])
        }
        #expect(errors([Self.filter("user:", ["v"])])
            == [FieldError("tagFilters[0].key", "names no tag: keys are matched without AWS's user: prefix")])
        #expect(errors([Self.filter("Dep\u{202E}t", ["v"])]).map(\.field) == ["tagFilters[0].key"])
        #expect(errors([Self.filter("\tDept", ["v"])]) == [FieldError("tagFilters[0].key", "must not contain control characters")])
    }

    @Test("each key once, as TagKey matches keys: the user: prefix, case and spaces do not make another")
    func uniqueKeys() {
        let found = errors([Self.filter("Department", ["a"]), Self.filter("Team", ["b"]), Self.filter(" user:DEPARTMENT", ["c"])])
        #expect(found == [FieldError("tagFilters[2].key",
                                     "is the same key as tagFilters[0].key (keys match without user: and ignoring case)")])
        #expect(errors([Self.filter("Department", ["a"]), Self.filter("Departments", ["a"])]).isEmpty)
    }

    @Test("values: one to 100, each non-empty and at most 256 characters as sent")
    func values() {
        #expect(errors([Self.filter("Department", nil)])
            == [FieldError("tagFilters[0].values", "must list at least one value, such as engineering")])
        #expect(errors([Self.filter("Department", [])])
            == [FieldError("tagFilters[0].values", "must list at least one value, such as engineering")])
        #expect(errors([Self.filter("Department", (0..<100).map { "v\($0)" })]).isEmpty)
        #expect(errors([Self.filter("Department", (0..<101).map { "v\($0)" })])
            == [FieldError("tagFilters[0].values", "must list at most 100 values")])
        #expect(errors([Self.filter("Department", [String(repeating: "v", count: 256)])]).isEmpty)
        #expect(errors([Self.filter("Department", ["ok", String(repeating: "v", count: 257)])])
            == [FieldError("tagFilters[0].values[1]", "must be at most 256 characters (it has 257)")])
        #expect(errors([Self.filter("Department", ["ok", " "])]) == [FieldError("tagFilters[0].values[1]", "must not be empty")])
        #expect(errors([Self.filter("Department", ["a\u{0000}b"])]) == [FieldError("tagFilters[0].values[0]", "must not contain control characters")])
    }

    @Test("every problem of every filter at once, and nothing else of the budget")
    func allAtOnce() {
        let found = errors([Self.filter(nil, ["a", ""]), Self.filter("Team", []), Self.filter("team", ["x"])])
        #expect(found.map(\.field) == ["tagFilters[0].key", "tagFilters[0].values[1]", "tagFilters[1].values", "tagFilters[2].key"])
    }

    @Test("an edit keeps the filters when it does not name them, replaces them when it does, and [] removes them")
    func edits() throws {
        var current = try validator.validate(input([Self.filter("Department", ["engineering"])]))
        current.tagFilters = [TagFilter(key: "Department", values: ["engineering"])]
        #expect(try validator.validate(changes: BudgetInput(amount: "60000"), to: current).tagFilters == current.tagFilters)
        let replaced = try validator.validate(changes: BudgetInput(tagFilters: [Self.filter("Team", ["core", "data"])]), to: current)
        #expect(replaced.tagFilters == [TagFilter(key: "Team", values: ["core", "data"])])
        #expect(try validator.validate(changes: BudgetInput(tagFilters: []), to: current).tagFilters.isEmpty)
    }
}
