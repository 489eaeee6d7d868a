@testable import Allocation
import CostData
import Foundation
import Kernel
import Testing

/// Splits to the cent, every shared method, rules in order, and globs.
@Suite("Chargeback splits")
struct ChargebackTests {
    let aws = UUID()
    let month = LocalDate(year: 2026, month: 11, day: 1)!

    func units(_ text: String) -> Int128 { FixedAmount(text)!.scaled }

    func cost(_ amount: String, service: String = "Amazon EC2", resource: String? = nil, tags: [String: String] = [:],
              currency: String = "USD", connection: UUID? = nil) -> AllocatableCost {
        let set = TagSet(tags: tags.map {
            TagSet.Tag(key: TagKey.normalized($0.key), value: TagKey.normalizedValue($0.value), displayValue: $0.value)
        })
        return AllocatableCost(connectionId: connection ?? aws, currency: currency, serviceName: service, resourceId: resource, tags: set,
                               amount: units(amount))
    }

    func dimension(method: SharedMethod = .proportional, fixed: [(String, Decimal)] = [], rules: [AssignmentRule] = [],
                   shared: [String] = ["NAT Gateway"], keepsUnallocated: Bool = false) -> AllocationDimension {
        AllocationDimension(id: UUID(), name: "Department", tagKey: "Department", sharedServices: shared, sharedMethod: method,
                            fixedShares: fixed.map { (value: $0.0, percent: $0.1) }, metric: method == .metric ? "apiCalls" : nil,
                            rules: rules, keepsUnallocated: keepsUnallocated, createdAt: Date(), updatedAt: Date())
    }

    func totals(_ statement: Chargeback) -> [String: String] {
        Dictionary(uniqueKeysWithValues: statement.currencies[0].lines.map { ($0.value, $0.total.plainText) })
    }

    @Test("100.00 split three ways is 33.34, 33.33, 33.33: the extra cent goes to the first name")
    func threeWays() {
        let parts = Apportionment.split(Cents(10_000), weights: [1, 1, 1], names: ["c", "a", "b"])
        #expect(parts.map(\.value) == [3333, 3334, 3333])
    }

    @Test("0.05 split 70/20/10 is 0.04, 0.01, 0.00 and adds up")
    func fiveCents() {
        let parts = Apportionment.split(Cents(5), weights: [70, 20, 10], names: ["engineering", "product", "operations"])
        #expect(parts.map(\.value) == [4, 1, 0])
        #expect(parts.map(\.value).reduce(0, +) == 5)
    }

    @Test("negative pools and amounts of any sign still add up to the rounded total")
    func signs() {
        #expect(Apportionment.split(Cents(-100), weights: [1, 1, 1], names: ["a", "b", "c"]).map(\.value).reduce(0, +) == -100)
        let amounts = [units("0.005"), units("0.005"), units("-0.004")]
        let total = Apportionment.cents(amounts.reduce(0, +))
        #expect(Apportionment.round(amounts, to: total, names: ["a", "b", "c"]).map(\.value).reduce(0, +) == total.value)
    }

    @Test("thousands of items of awkward amounts: every method's lines add up to the month's total to the cent", arguments: SharedMethod.allCases)
    func thousands(method: SharedMethod) {
        var generator = SplitMix64(seed: 17)
        let departments = ["engineering", "product", "operations", "analytics"]
        var costs: [AllocatableCost] = []
        for i in 0..<5_000 {
            let amount = "\(generator.next() % 1000).\(Int(generator.next() % 100_000_000_000).zeroPadded(11))"
            let service = i % 7 == 0 ? "NAT Gateway" : "Amazon EC2"
            let tags = i % 5 == 0 ? [:] : ["user:Department": departments[Int(generator.next() % 4)]]
            costs.append(cost(i % 13 == 0 ? "-" + amount : amount, service: service, resource: "r-\(i % 300)", tags: tags))
        }
        let builder = ChargebackBuilder(dimension: dimension(method: method, fixed: [("engineering", 70), ("product", 20), ("operations", 10)]),
                                        allowedValues: nil, metricFigures: ["engineering": 1200, "product": 300.5])
        let statement = builder.build(month: month, costs: costs)
        let usd = statement.currencies[0]
        let exact = Apportionment.cents(costs.map(\.amount).reduce(0, +))
        #expect(usd.total == exact)
        #expect(usd.lines.map(\.total).sum() == exact)
        #expect(usd.direct + usd.shared + usd.overhead == exact)
        #expect(usd.lines.map(\.shared).sum() == usd.shared && usd.lines.map(\.overhead).sum() == usd.overhead)
        for line in usd.lines {
            #expect(line.direct + line.shared + line.overhead == line.total)
            #expect(line.services.map(\.cost).sum() == line.total, "the service lines of \(line.value) add up")
        }
    }

    @Test("fixed shares: the framework's 70/20/10 of the shared services, direct costs by tag")
    func fixed() {
        let costs = [cost("100", tags: ["Department": "Engineering"]), cost("50", tags: ["department": "product"]),
                     cost("10.00", service: "NAT Gateway", tags: ["Department": "engineering"])]
        let builder = ChargebackBuilder(dimension: dimension(method: .fixed, fixed: [("engineering", 70), ("product", 20), ("operations", 10)]),
                                        allowedValues: ["engineering", "product", "operations"])
        let usd = builder.build(month: month, costs: costs).currencies[0]
        #expect(usd.lines.map(\.value) == ["engineering", "product", "operations"])
        #expect(usd.lines.map(\.shared.plainText) == ["7.00", "2.00", "1.00"], "a shared service is shared even when it is tagged")
        #expect(usd.lines.map(\.total.plainText) == ["107.00", "52.00", "1.00"])
    }

    @Test("proportional and even shared splits, and overhead in proportion to direct cost")
    func proportionalAndEven() {
        let costs = [cost("30", tags: ["Department": "a"]), cost("10", tags: ["Department": "b"]), cost("8", service: "NAT Gateway"),
                     cost("4", service: "Untagged thing")]
        let proportional = ChargebackBuilder(dimension: dimension(method: .proportional), allowedValues: nil).build(month: month, costs: costs)
        #expect(totals(proportional) == ["a": "39.00", "b": "13.00"])
        let even = ChargebackBuilder(dimension: dimension(method: .even), allowedValues: nil).build(month: month, costs: costs)
        #expect(even.currencies[0].lines.map(\.shared.plainText) == ["4.00", "4.00"])
        #expect(even.currencies[0].lines.map(\.overhead.plainText) == ["3.00", "1.00"])
    }

    @Test("a usage metric splits by its figures; without figures for the month, in proportion to direct cost, and the statement says so")
    func metric() {
        let costs = [cost("30", tags: ["Department": "a"]), cost("10", tags: ["Department": "b"]), cost("10", service: "NAT Gateway")]
        let withFigures = ChargebackBuilder(dimension: dimension(method: .metric), allowedValues: nil, metricFigures: ["a": 1, "b": 4])
            .build(month: month, costs: costs)
        #expect(withFigures.currencies[0].lines.map(\.shared.plainText) == ["2.00", "8.00"])
        let without = ChargebackBuilder(dimension: dimension(method: .metric), allowedValues: nil).build(month: month, costs: costs)
        #expect(without.currencies[0].lines.map(\.shared.plainText) == ["7.50", "2.50"])
        #expect(without.currencies[0].notes.count == 1)
    }

    @Test("rules attribute untagged costs in order, first match wins; a value not allowed is not direct")
    func rules() {
        let rds = UUID()
        let rules = [
            AssignmentRule(match: .resourceIdGlob(Glob("arn:aws:lambda:*:function:etl-*")), value: "analytics"),
            AssignmentRule(match: .serviceName("amazon rds"), value: "engineering"),
            AssignmentRule(match: .tag(key: "Team", value: "Growth"), value: "product"),
            AssignmentRule(match: .connection(rds), value: "operations"),
            AssignmentRule(match: .serviceName("Amazon RDS"), value: "product"),
        ]
        let costs = [
            cost("1", service: "AWS Lambda", resource: "arn:aws:lambda:us-east-1:1:function:etl-daily"),
            cost("2", service: "Amazon RDS"),
            cost("3", tags: ["team": "growth"]),
            cost("4", connection: rds),
            cost("5", tags: ["Department": "sales"]),
            cost("6", tags: ["Department": "engineering"]),
        ]
        let builder = ChargebackBuilder(dimension: dimension(rules: rules, keepsUnallocated: true),
                                        allowedValues: ["engineering", "product", "operations", "analytics"])
        let usd = builder.build(month: month, costs: costs).currencies[0]
        #expect(totals(Chargeback(dimension: "", month: month, currencies: [usd]))
                == ["analytics": "1.00", "engineering": "8.00", "product": "3.00", "operations": "4.00", "Unallocated": "5.00"])
        #expect(usd.lines.first { $0.value == "engineering" }?.byRules.plainText == "2.00")
        #expect(usd.byRules.plainText == "10.00" && usd.taggedAtSource.plainText == "6.00")
        #expect(usd.lines.last?.isUnallocated == true)
    }

    @Test("currencies are never added together; the previous month's totals are matched by value")
    func currenciesAndPrevious() {
        let costs = [cost("10", tags: ["Department": "a"]), cost("7", tags: ["Department": "a"], currency: "EUR")]
        let previous = [cost("4", tags: ["Department": "A"])]
        let statement = ChargebackBuilder(dimension: dimension(), allowedValues: nil).build(month: month, costs: costs, previous: previous)
        #expect(statement.currencies.map(\.currency) == ["EUR", "USD"])
        #expect(statement.currencies[1].lines[0].previousMonthTotal?.plainText == "4.00")
        #expect(statement.currencies[0].lines[0].previousMonthTotal == .zero)
    }

    @Test("globs: * any run, ? one character, case kept, no runaway backtracking")
    func globs() {
        #expect(Glob("i-*").matches("i-0abc"))
        #expect(Glob("*prod*").matches("db-prod-1"))
        #expect(!Glob("i-?").matches("i-12"))
        #expect(Glob("i-??").matches("i-12"))
        #expect(!Glob("I-*").matches("i-1"))
        #expect(Glob("*").matches(""))
        #expect(!Glob(String(repeating: "*a", count: 30) + "b").matches(String(repeating: "a", count: 200)))
    }
}
