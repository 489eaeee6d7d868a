@testable import Budgets
import Tenancy
import CostData
import Kernel
import Foundation
import HTTPKit
@testable import Web
import JSON
import Templating
import Testing

/// Reading request bodies and headers into domain input: pure, no database.
@Suite("Reading requests")
struct RequestReadingTests {
    @Test("an element of the wrong type keeps the others at their index")
    func typeErrorsKeepPositions() throws {
        let body = try JSONParser.parse(#"{"alertRecipients": [1, "not an address"], "thresholdRules": [7, {"percentage": 80, "triggerType": "x"}]}"#)
        let (input, typeErrors) = BudgetInput.fromJSON(try #require(body.objectValue))
        #expect(typeErrors.map(\.field) == ["alertRecipients[0]", "thresholdRules[0]"])
        #expect(input.alertRecipients == ["", "not an address"])
        do {
            _ = try BudgetValidator().validate(input, alreadyInvalid: typeErrors)
            Issue.record("expected an error")
        } catch {
            let fields = error.fieldErrors.map(\.field)
            #expect(fields.contains("alertRecipients[1]"), "the bad address is reported at its own index")
            #expect(fields.contains("thresholdRules[1].triggerType"))
            #expect(!fields.contains("thresholdRules[0].triggerType"), "a rule that was not an object is reported once")
        }
    }

    @Test("500 unknown fields come back as the first 100 and a count of the rest")
    func unknownFieldsAreBounded() throws {
        let members = (0..<500).map { "\"x\($0)\": 0" }.joined(separator: ",")
        let (_, typeErrors) = BudgetInput.fromJSON(try #require(try JSONParser.parse("{\(members)}").objectValue))
        #expect(typeErrors.count == 500)
        let answered = ErrorResponder.bounded(typeErrors)
        #expect(answered.count == 101)
        #expect(answered.first?.field == "x0")
        #expect(answered.last?.message == "has 400 more problems; fix these first")
    }

    @Test("If-Match: *, strong tags and lists match; weak tags never do; anything else is a 400")
    func ifMatch() throws {
        #expect(try VersionPrecondition.ifMatch(nil).allows(7))
        #expect(try VersionPrecondition.ifMatch("*").allows(7))
        #expect(try VersionPrecondition.ifMatch("\"7\"").allows(7))
        #expect(try !VersionPrecondition.ifMatch("\"6\"").allows(7))
        #expect(try VersionPrecondition.ifMatch("\"6\", \"7\"").allows(7))
        #expect(try !VersionPrecondition.ifMatch("W/\"7\"").allows(7), "If-Match compares strongly")
        for bad in ["", " ", "7", "\"x\"", "\"7\",", "\"-1\""] {
            #expect(throws: HTTPError.self, "\(bad)") { try VersionPrecondition.ifMatch(bad) }
        }
    }

    @Test("field errors in an answer are bounded")
    func boundedFieldErrors() {
        let many = (0..<1000).map { FieldError("alertRecipients[\($0)]", "must be a string, not number") }
        let bounded = ErrorResponder.bounded(many)
        #expect(bounded.count == 101)
        #expect(bounded.last?.message == "has 900 more problems; fix these first")
    }
}
