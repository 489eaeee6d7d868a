import CostData
import Foundation
import Kernel
import Reporting
import XCTest

final class OrganizationBudgetTests: XCTestCase {
    let june = firstOf("2025-06")
    let aws = Org.production

    func counting(_ budgets: [ReportBudget], in month: LocalDate? = nil) -> [UUID: UUID] {
        OrganizationBudget.counting(budgets, in: month ?? june).mapValues(\.id)
    }

    func testTheShortestPeriodCounts() {
        let yearly = budget(1, "Yearly", on: aws, .yearly, amount: "1200.00")
        let quarterly = budget(2, "Quarterly", on: aws, .quarterly, amount: "300.00")
        let monthly = budget(3, "Monthly", on: aws, .monthly, amount: "100.00", created: "2025-05-01T00:00:00Z")
        XCTAssertEqual(counting([yearly, quarterly, monthly]), [aws.id: uuid(3)])
        XCTAssertEqual(counting([yearly, quarterly]), [aws.id: uuid(2)])
        XCTAssertEqual(counting([quarterly, yearly]), [aws.id: uuid(2)], "the order they come in does not matter")
        XCTAssertEqual(counting([yearly]), [aws.id: uuid(1)])
    }

    func testTiesGoToTheOldest() {
        let newer = budget(1, "Newer", on: aws, .monthly, amount: "100.00", created: "2025-03-01T00:00:00Z")
        let older = budget(2, "Older", on: aws, .monthly, amount: "200.00", created: "2025-02-01T00:00:00Z")
        XCTAssertEqual(counting([newer, older]), [aws.id: uuid(2)])
        XCTAssertEqual(counting([older, newer]), [aws.id: uuid(2)])
    }

    func testTiesCreatedAtTheSameMomentGoToTheSmallerId() {
        let a = budget(8, "A", on: aws, .quarterly, amount: "100.00")
        let b = budget(7, "B", on: aws, .quarterly, amount: "200.00")
        XCTAssertEqual(counting([a, b]), [aws.id: uuid(7)])
        XCTAssertEqual(counting([b, a]), [aws.id: uuid(7)])
    }

    func testTagBudgetsNeverCount() {
        var engineering = budget(1, "Engineering", on: aws, .monthly, amount: "80.00")
        engineering.tagFilters = [TagFilter(key: "Department", values: ["engineering"])]
        XCTAssertFalse(engineering.isConnectionWide)
        XCTAssertEqual(counting([engineering]), [:])
        XCTAssertEqual(counting([engineering, budget(2, "Yearly", on: aws, .yearly, amount: "1200.00")]), [aws.id: uuid(2)])
    }

    func testServiceScopedBudgetsNeverCount() {
        let s3 = budget(1, "S3", on: aws, .monthly, amount: "20.00", services: [Org.s3])
        let yearly = budget(2, "Yearly", on: aws, .yearly, amount: "1200.00")
        XCTAssertEqual(counting([s3, yearly]), [aws.id: uuid(2)])
        XCTAssertEqual(counting([s3]), [:], "a connection with only service budgets has no counting budget")
        XCTAssertEqual(OrganizationBudget.total([s3], in: june), [:])
    }

    func testOnlyBudgetsTakingPartInTheMonthCount() {
        let notYet = budget(1, "From July", on: aws, .monthly, amount: "100.00", start: "2025-07")
        let deletedBefore = budget(2, "Deleted in May", on: aws, .monthly, amount: "100.00", deleted: "2025-05-20T00:00:00Z")
        let quarterly = budget(3, "Quarterly", on: aws, .quarterly, amount: "300.00")
        XCTAssertEqual(counting([notYet, deletedBefore, quarterly]), [aws.id: uuid(3)])
        XCTAssertEqual(counting([notYet, deletedBefore, quarterly], in: firstOf("2025-07")), [aws.id: uuid(1)])
        let deletedDuring = budget(4, "Deleted in June", on: aws, .monthly, amount: "100.00", deleted: "2025-06-20T00:00:00Z")
        XCTAssertEqual(counting([quarterly, deletedDuring]), [aws.id: uuid(4)])
        XCTAssertEqual(counting([quarterly, deletedDuring], in: firstOf("2025-07")), [aws.id: uuid(3)])
    }

    func testEachConnectionHasItsOwn() {
        let production = budget(1, "Production", on: aws, .monthly, amount: "300.00")
        let staging = budget(2, "Staging", on: Org.staging, .quarterly, amount: "100.00", start: "2025-04")
        XCTAssertEqual(counting([production, staging]), [aws.id: uuid(1), Org.staging.id: uuid(2)])
        XCTAssertEqual(OrganizationBudget.total([production, staging], in: june), ["USD": cents("333.33")])
        XCTAssertEqual(OrganizationBudget.total([production, staging], in: firstOf("2025-07")), ["USD": cents("333.34")])
    }

    func testTheTotalCountsOnlyTheCountingBudgetByItsMonthlyShare() {
        let budgets = [
            budget(1, "Monthly", on: aws, .monthly, amount: "300.00"),
            budget(2, "Yearly", on: aws, .yearly, amount: "6000.00"),
            budget(3, "S3", on: aws, .monthly, amount: "25.00", services: [Org.s3]),
            budget(4, "Yearly staging", on: Org.staging, .yearly, amount: "1000.00"),
        ]
        XCTAssertEqual(OrganizationBudget.total(budgets, in: firstOf("2025-01")), ["USD": cents("383.34")])
        XCTAssertEqual(OrganizationBudget.total(budgets, in: june), ["USD": cents("383.33")])
    }

    func testCurrenciesAreNeverAddedTogether() {
        let budgets = [
            budget(1, "Production", on: aws, .monthly, amount: "300.00"),
            budget(2, "Azure", on: Org.azure, .monthly, amount: "200.00"),
            budget(3, "Dev", on: Org.development, .monthly, amount: "15.00"),
        ]
        XCTAssertEqual(OrganizationBudget.total(budgets, in: june), ["USD": cents("315.00"), "EUR": cents("200.00")])
    }

    func testTheRuleIsOneSentenceSayingWhatCounts() {
        let rule = OrganizationBudget.rule
        XCTAssertEqual(rule.filter { $0 == "." }.count, 1, rule)
        XCTAssertTrue(rule.hasSuffix("."))
        for phrase in ["connection-wide", "shortest period", "monthly share", "unbudgeted", "oldest"] {
            XCTAssertTrue(rule.contains(phrase), phrase)
        }
    }
}
