import Foundation
import JSON
import Kernel
import Reporting
import XCTest

final class RestatementTests: XCTestCase {
    let issuedAt = at("2025-07-03T06:00:00Z")

    func service(_ connection: String, _ service: String, _ cost: String) -> JSONValue {
        ["connectionName": .string(connection), "serviceName": .string(service), "cost": .number(JSONNumber(text: cost)!)]
    }

    func document(_ sections: [(currency: String, total: String, services: [JSONValue])]) -> JSONValue {
        ["currencies": .array(sections.map { ["currency": .string($0.currency), "totalCost": .number(JSONNumber(text: $0.total)!),
                                              "services": .array($0.services)] })]
    }

    func text(_ d: Restatement.Difference) -> String { "\(d.currency) \(d.connectionName) \(d.serviceName) \(d.amount)" }

    func testTheSameFiguresAreNoRestatement() {
        let doc = document([("USD", "314.54", [service("Production AWS", "Amazon S3", "25.56"), service("Production AWS", "Amazon EC2", "288.98")])])
        let restatement = Restatement.compare(live: doc, issued: doc, version: 1, issuedAt: issuedAt)
        XCTAssertFalse(restatement.isRestated)
        XCTAssertEqual(restatement.differences, [])
        XCTAssertEqual(restatement.totals, ["USD": .zero])
        XCTAssertEqual(restatement.version, 1)
        XCTAssertEqual(restatement.issuedAt, issuedAt)
    }

    func testARestatedLineAndTotal() {
        let ec2 = service("Production AWS", "Amazon EC2", "288.98")
        let issued = document([("USD", "314.54", [service("Production AWS", "Amazon S3", "25.56"), ec2])])
        let live = document([("USD", "326.94", [service("Production AWS", "Amazon S3", "37.96"), ec2])])
        let restatement = Restatement.compare(live: live, issued: issued, version: 2, issuedAt: issuedAt)
        XCTAssertTrue(restatement.isRestated)
        XCTAssertEqual(restatement.differences.map(text), ["USD Production AWS Amazon S3 12.40"])
        XCTAssertEqual(restatement.totals, ["USD": cents("12.40")])
        XCTAssertEqual(restatement.version, 2)
    }

    func testLinesThatAppearOrDisappearLargestFirstPerCurrency() {
        let issued = document([
            ("USD", "100.00", [service("Production AWS", "Amazon EC2", "90.00"), service("Production AWS", "AWS Lambda", "10.00")]),
            ("EUR", "50.00", [service("Azure EU", "Virtual Machines", "50.00")]),
        ])
        let live = document([
            ("USD", "95.50", [service("Production AWS", "Amazon EC2", "90.00"), service("Staging AWS", "Amazon S3", "5.50")]),
            ("EUR", "50.00", [service("Azure EU", "Virtual Machines", "49.99"), service("Azure EU", "Storage", "0.01")]),
        ])
        let restatement = Restatement.compare(live: live, issued: issued, version: 1, issuedAt: issuedAt)
        XCTAssertEqual(restatement.differences.map(\.serviceName), ["AWS Lambda", "Amazon S3", "Storage", "Virtual Machines"])
        XCTAssertEqual(restatement.differences.map(\.amount), ["-10.00", "5.50", "0.01", "-0.01"].map(cents))
        XCTAssertEqual(restatement.differences.map(\.currency), ["USD", "USD", "EUR", "EUR"])
        XCTAssertEqual(restatement.totals, ["USD": cents("-4.50"), "EUR": .zero])
        XCTAssertTrue(restatement.isRestated, "lines moved even where a total did not")
    }

    func testTheSameServiceNameOnTwoConnectionsIsTwoLines() {
        let issued = document([("USD", "20.00", [service("Production AWS", "Amazon S3", "10.00"), service("Staging AWS", "Amazon S3", "10.00")])])
        let live = document([("USD", "20.00", [service("Production AWS", "Amazon S3", "12.00"), service("Staging AWS", "Amazon S3", "8.00")])])
        let restatement = Restatement.compare(live: live, issued: issued, version: 1, issuedAt: issuedAt)
        XCTAssertEqual(Set(restatement.differences.map { "\($0.connectionName) \($0.amount)" }), ["Production AWS 2.00", "Staging AWS -2.00"])
    }

    /// The monthly report's own JSON, issued and then restated by a later import.
    func testComparesTheReportsOwnDocuments() {
        let issued = ReportJSON.monthly(June.report())
        var monthly = June.monthly
        monthly[1] = monthCost("2025-06", Org.production, Org.s3, "37.955")
        let restated = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"),
                                            connections: Org.connections, serviceNames: Org.serviceNames, budgets: June.budgets,
                                            monthly: monthly, daily: June.daily, asOf: June.asOf, explanations: [:]).build()
        let restatement = Restatement.compare(live: ReportJSON.monthly(restated), issued: issued, version: 1, issuedAt: issuedAt)
        XCTAssertEqual(restatement.differences.map(text), ["USD Production AWS Amazon S3 12.40"])
        XCTAssertEqual(restatement.totals, ["USD": cents("12.40"), "EUR": .zero])
    }
}
