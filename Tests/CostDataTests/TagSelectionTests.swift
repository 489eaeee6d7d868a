@testable import CostData
import Testing

/// Which line items a selection by tags picks: keys AND, values OR, compared as `TagKey` says.
@Suite("Tag selections")
struct TagSelectionTests {
    func tags(_ json: String) -> TagSet? { TagSet(json: json) }
    func selection(_ filters: [(String, [String])]) -> TagSelection { TagSelection(filters.map { TagFilter(key: $0.0, values: $0.1) }) }

    @Test("a key's values are alternatives; several keys must all hold")
    func keysAndValuesOr() {
        let engineeringOrProduct = selection([("Department", ["engineering", "product"])])
        #expect(engineeringOrProduct.matches(tags(#"{"Department":"engineering"}"#)))
        #expect(engineeringOrProduct.matches(tags(#"{"Department":"product","Team":"web"}"#)))
        #expect(!engineeringOrProduct.matches(tags(#"{"Department":"operations"}"#)))
        let both = selection([("Department", ["engineering"]), ("Environment", ["production", "staging"])])
        #expect(both.matches(tags(#"{"Department":"engineering","Environment":"staging"}"#)))
        #expect(!both.matches(tags(#"{"Department":"engineering"}"#)), "a missing key fails the selection")
        #expect(!both.matches(tags(#"{"Department":"engineering","Environment":"development"}"#)))
    }

    @Test("the user: prefix, case and surrounding spaces never matter, on either side")
    func normalization() {
        let filter = selection([("user:DEPARTMENT ", [" Engineering"])])
        for cell in [#"{"Department":"engineering"}"#, #"{"user:department":"ENGINEERING"}"#, #"{" department ":" engineering "}"#] {
            #expect(filter.matches(tags(cell)), "\(cell)")
        }
        #expect(filter == selection([("department", ["engineering"])]), "spellings of one selection are equal, so it is read once")
        #expect(selection([("Team", ["b", "a"]), ("Env", ["x"])]) == selection([("env", ["X"]), ("team", ["A", "b", "a"])]))
    }

    @Test("untagged items match no filter; no filter matches everything")
    func emptyCases() {
        #expect(!selection([("Department", ["engineering"])]).matches(nil))
        #expect(selection([]).isEmpty && selection([]).matches(nil) && selection([]).matches(tags(#"{"a":"b"}"#)))
    }

    @Test("values match on their first 256 characters, as the tag rows store them")
    func longValues() {
        let long = String(repeating: "x", count: 256)
        #expect(selection([("Note", [long])]).matches(tags(#"{"Note":"\#(long)tail"}"#)))
        #expect(TagFilter(key: "Note", values: [long.uppercased() + "Y"]).normalizedValues == [long])
    }

    @Test("one key named twice keeps only the values common to both")
    func repeatedKey() {
        let twice = selection([("Team", ["core", "data"]), ("team", ["data", "web"])])
        #expect(twice.terms == [TagSelection.Term(key: "team", values: ["data"])])
    }

    @Test("labels for pages and reports keep what was written")
    func labels() {
        let filters = [TagFilter(key: "Department", values: ["engineering", "product"]), TagFilter(key: "Team", values: ["core"])]
        #expect(filters.label == "Department: engineering, product; Team: core")
    }
}
