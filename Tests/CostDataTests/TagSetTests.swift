@testable import CostData
import JSON
import Testing

/// Tags normalized as the import stores them: one rule for keys and values everywhere.
@Suite("Tag sets")
struct TagSetTests {
    func set(_ json: String) -> TagSet? { TagSet(json: json) }

    @Test("keys lose AWS's user: prefix and case; values are trimmed, matched in lower case, shown as first written")
    func normalization() throws {
        let tags = try #require(set(#"{"user:Department":" Engineering ","Environment":"Production","cost":12.5,"flag":true}"#))
        #expect(tags.tags.map(\.key) == ["cost", "department", "environment", "flag"])
        #expect(tags.value(of: "DEPARTMENT")?.value == "engineering")
        #expect(tags.value(of: "user:department")?.displayValue == "Engineering")
        #expect(tags.value(of: "cost")?.value == "12.5")
        #expect(tags.value(of: "flag")?.value == "true")
    }

    @Test("empty values, nested values and blank keys are no tags; a cell of them is no set")
    func leftOut() throws {
        let tags = try #require(set(#"{"Team":"","Nested":{"a":1},"List":[1],"  ":"x","Owner":"ops"}"#))
        #expect(tags.tags.map(\.key) == ["owner"])
        #expect(set(#"{"Team":" "}"#) == nil)
        #expect(set("not json") == nil)
        #expect(set("[1,2]") == nil)
    }

    @Test("a key written twice: the spelling without user: wins, whatever the order")
    func duplicateKeys() throws {
        let a = try #require(set(#"{"user:Department":"product","Department":"engineering"}"#))
        let b = try #require(set(#"{"Department":"engineering","user:Department":"product"}"#))
        #expect(a.value(of: "Department")?.value == "engineering")
        #expect(a == b)
        #expect(a.identity == b.identity)
    }

    @Test("two spellings of one set have one identity; different values do not")
    func identity() throws {
        let a = try #require(set(#"{"Environment":"Production","Owner":"ops"}"#))
        let b = try #require(set(#"{"owner":"ops ","environment":"production"}"#))
        let c = try #require(set(#"{"Environment":"staging","Owner":"ops"}"#))
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a.identity == b.identity)
        #expect(a.identity != c.identity)
        #expect(TagSetCatalogue.digest(a) == TagSetCatalogue.digest(b))
        #expect(a.displayJSON == #"{"environment":"Production","owner":"ops"}"#)
    }
}
