import JSON
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test("parses every kind of value and keeps member order")
    func parsesValues() throws {
        let value = try JSONParser.parse(#"{"b": [1, -2.50, 3e2], "a": {"t": true, "f": false, "n": null}, "s": "x\"y\u00e9\ud83d\ude00"}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "s"])
        #expect(value["b"] == .array([1, .number(JSONNumber(text: "-2.50")!), .number(JSONNumber(text: "3e2")!)]))
        #expect(value["a"]?["t"] == true)
        #expect(value["a"]?["n"] == .null)
        #expect(value["s"] == .string("x\"yé😀"))
    }

    @Test("keeps number text exactly, so money is never rounded")
    func keepsNumberText() throws {
        let value = try JSONParser.parse("[50000.0, 0.1000000000000000055511151231257827, 12345678901234567890.12]")
        #expect(value.arrayValue?.map { $0.numberValue?.text } == ["50000.0", "0.1000000000000000055511151231257827", "12345678901234567890.12"])
    }

    @Test(
        "rejects malformed documents with a position",
        arguments: [
            ("{\"a\":1,}", 1, 8, "expected a member name in double quotes"),
            ("[1,2", 1, 5, "expected ',' or ']' in array"),
            ("{\"a\":01}", 1, 6, "malformed number"),
            ("{\"a\":1.}", 1, 6, "malformed number"),
            ("\n  {\"a\":1, \"a\":2}", 2, 11, "duplicate member name \"a\""),
            ("\"abc", 1, 5, "unterminated string"),
            ("\"\\x\"", 1, 2, "invalid escape sequence"),
            ("\"\\ud800\"", 1, 2, "high surrogate not followed by a low surrogate"),
            ("\"\\udc00\"", 1, 2, "lone low surrogate in \\u escape"),
            ("\"a\nb\"", 1, 3, "control character 0xA must be escaped in a string"),
            ("true false", 1, 6, "unexpected data after the JSON value"),
            ("nul", 1, 1, "unexpected character 'n', expected a value"),
            ("", 1, 1, "unexpected end of input, expected a value"),
            ("NaN", 1, 1, "unexpected character 'N', expected a value"),
        ])
    func rejectsMalformed(input: String, line: Int, column: Int, message: String) {
        #expect(throws: JSONParseError(message: message, line: line, column: column)) {
            try JSONParser.parse(input)
        }
    }

    @Test("rejects invalid UTF-8 instead of replacing it")
    func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError(message: "invalid UTF-8 in string", line: 1, column: 2)) {
            try JSONParser.parse([0x22, 0xC3, 0x28, 0x22])
        }
    }

    @Test("stops at the nesting limit instead of exhausting the stack")
    func nestingLimit() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONParser.parse(ok)
    }
}

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test("writes compact JSON in member order and round-trips")
    func roundTrip() throws {
        let source = #"{"name":"Q1 \"Prod\"","amount":50000.0,"tags":["a","b"],"empty":{},"none":[],"ok":true,"x":null}"#
        let value = try JSONParser.parse(source)
        #expect(value.serialized == source)
        #expect(try JSONParser.parse(value.prettyPrinted) == value)
    }

    @Test("escapes control characters and HTML-significant characters")
    func escapes() {
        let value: JSONValue = .string("</script>&\u{01}\n")
        #expect(value.serialized == #""\u003c/script\u003e\u0026\u0001\n""#)
    }

    @Test("rejects invalid number text")
    func numberGrammar() {
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "0x10", "1 "] {
            #expect(JSONNumber(text: bad) == nil, "\(bad)")
        }
        for good in ["0", "-0", "1.5", "1e10", "1E-3", "-12.0e+2"] {
            #expect(JSONNumber(text: good) != nil, "\(good)")
        }
    }

    @Test("a large object keeps its order and still refuses a duplicate name, however late")
    func largeObjects() throws {
        let members = (0..<20_000).map { "\"k\($0)\":\($0)" }
        let object = try #require(try JSONParser.parse("{" + members.joined(separator: ",") + "}").objectValue)
        #expect(object.count == 20_000)
        #expect(object.keys.prefix(3) == ["k0", "k1", "k2"])
        #expect(object["k19999"] == 19999)
        #expect(throws: JSONParseError.self) {
            try JSONParser.parse("{" + members.joined(separator: ",") + ",\"k17\":0}")
        }
    }
}
