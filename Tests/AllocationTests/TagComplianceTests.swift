@testable import Allocation
import Foundation
import Kernel
import Testing

/// Matching tag keys and values, judging a cost against the policy, and the month's shares.
@Suite("Tag policy and compliance")
struct TagComplianceTests {
    let policy = TagPolicy(requiredTags: [
        .init(key: "Environment", allowedValues: ["production", "staging"]),
        .init(key: "Owner", allowedValues: nil),
    ])
    let aws = UUID()
    let gcp = UUID()

    func cost(_ connection: UUID, _ resource: String?, _ tags: [String: String], _ amount: String, currency: String = "USD",
              service: String = "Amazon EC2") -> TaggedCost {
        TaggedCost(connectionId: connection, currency: currency, serviceName: service, resourceId: resource, tags: tags,
                   cost: Decimal(string: amount)!)
    }

    @Test("keys match without AWS's user: prefix, spaces or case; values ignoring spaces and case")
    func matching() {
        #expect(TagKey.normalized("user:Department") == "department")
        #expect(TagKey.normalized(" USER: Department ") == "department")
        #expect(TagKey.normalized("aws:createdBy") == "aws:createdby", "only user: is a provider's prefix")
        let verdict = policy.verdict(for: ["user:environment": " Production ", "OWNER": "ops@example.com"])
        #expect(verdict.isCompliant)
    }

    @Test("a missing key, an empty value and a value not allowed are told apart")
    func verdicts() {
        #expect(policy.verdict(for: [:]) == .init(missing: ["Environment", "Owner"], invalid: []))
        #expect(policy.verdict(for: ["Environment": "testing", "Owner": " "]) == .init(missing: ["Owner"], invalid: ["Environment"]))
        #expect(TagPolicy(requiredTags: []).verdict(for: [:]).isCompliant, "no policy, nothing to lack")
    }

    @Test("shares of cost and of resources; a resource is tagged only when all its items are")
    func shares() throws {
        let good = ["Environment": "production", "Owner": "a@example.com"]
        let compliance = TagCompliance(policy: policy, costs: [
            cost(aws, "i-1", good, "60.00"),
            cost(aws, "i-2", good, "20.00"),
            cost(aws, "i-2", ["Environment": "production"], "5.00"),
            cost(gcp, "vm-1", ["Environment": "dev", "Owner": "b@example.com"], "15.00", service: "Compute Engine"),
            cost(gcp, "vm-2", good, "0.00", service: "Compute Engine"),
            cost(gcp, nil, [:], "0.01", service: "Support"),
        ])
        let usd = try #require(compliance.currencies.first)
        #expect(usd.share.cost == Decimal(string: "100.01")! && usd.share.taggedCost == 80)
        #expect(usd.share.taggedCostPercentage == Decimal(string: "79.99"))
        #expect(usd.share.resources == 3, "vm-2 cost nothing; the support line has no resource")
        #expect(usd.share.taggedResourcePercentage == Decimal(string: "33.33"))
        #expect(usd.byKey == [.init(key: "Environment", missingCost: Decimal(string: "0.01")!, invalidCost: 15),
                              .init(key: "Owner", missingCost: Decimal(string: "5.01")!, invalidCost: 0)])
        #expect(usd.topUntagged.map(\.resourceId) == ["vm-1", "i-2", nil])
        #expect(usd.topUntagged[0].invalidKeys == ["Environment"] && usd.topUntagged[1].missingKeys == ["Owner"])
        #expect(usd.topUntagged[2].serviceName == "Support", "items without a resource are gathered per service")
    }

    @Test("currencies are measured apart, never added together; no cost is no figure")
    func currencies() {
        let compliance = TagCompliance(policy: policy, costs: [
            cost(aws, "i-1", ["Environment": "staging", "Owner": "x"], "10.00"),
            cost(aws, "i-9", [:], "1000", currency: "JPY"),
        ])
        #expect(compliance.currencies.map(\.currency) == ["JPY", "USD"])
        #expect(compliance.currencies.map(\.share.taggedCostPercentage) == [0, 100])
        #expect(TagCompliance(policy: policy, costs: []).currencies.isEmpty)
        let zero = TagCompliance(policy: policy, costs: [cost(aws, "i-1", [:], "0")])
        #expect(zero.currencies.first?.share.taggedCostPercentage == nil)
    }

    @Test("the policy form reads one key a line, values after the colon, user: dropped")
    func formLines() {
        let inputs = TagPolicyView.inputs("Environment: production, staging\n\n  Owner  \nuser:Department: engineering,product\n")
        #expect(inputs.map(\.key) == ["Environment", "Owner", "Department"])
        #expect(inputs.map(\.allowedValues) == [[" production", " staging"], nil, [" engineering", "product"]], "the service trims them")
        #expect(TagPolicyView.lines(TagPolicy(requiredTags: [.init(key: "Owner", allowedValues: nil), .init(key: "Env", allowedValues: ["a", "b"])]))
                == "Owner\nEnv: a, b")
        #expect(TagPolicyView.line(of: "requiredTags[2].allowedValues[0]") == "Line 3: a value")
    }
}
