import Foundation
import JSON
import Kernel
import Reporting
import XCTest

/// The JSON is a contract: API clients build on these names.
final class ReportJSONTests: XCTestCase {
    func document() -> JSONValue {
        let explanation = Explanation(budgetId: June.staging.id, text: "Load test", authorEmail: "editor@example.com",
                                      updatedAt: at("2025-07-02T09:00:00Z"))
        return ReportJSON.monthly(June.builder(explanations: [June.staging.id: explanation]).build())
    }

    func usd(_ json: JSONValue) -> JSONValue { json["currencies"]!.arrayValue!.first { $0["currency"] == "USD" }! }

    func assertKeys(_ value: JSONValue?, _ keys: [String], _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let object = value?.objectValue else { return XCTFail("\(context) is not an object", file: file, line: line) }
        for key in keys where !object.contains(key) {
            XCTFail("\(context) lacks \"\(key)\"", file: file, line: line)
        }
    }

    /// The number's value (`50` and `50.00` are the same figure).
    func number(_ value: JSONValue?) -> Decimal? { value?.numberValue.map { dec($0.text) } }

    func testTheContractsFieldNamesExist() {
        let json = document()
        assertKeys(json, ["organizationId", "month", "complete", "asOf", "currencies"], "the report")
        let currencies = json["currencies"]!.arrayValue!
        XCTAssertEqual(currencies.map { $0["currency"]!.stringValue! }, ["EUR", "USD"])
        for section in currencies {
            assertKeys(section, ["currency", "totalCost", "totalBudget", "unbudgetedCost", "variance", "previousMonthCost", "change", "budgets",
                                 "connections", "services", "nextMonth", "budgetAccuracy", "budgetAdherence", "risks"], "a currency")
            assertKeys(section["variance"], ["amount", "percentage", "direction", "size", "response"], "a variance")
            for budget in section["budgets"]!.arrayValue! {
                assertKeys(budget, ["budgetId", "name", "connectionName", "timeRange", "monthlyBudget", "actual", "variance",
                                    "countsTowardTotal", "explanation"], "a budget")
                assertKeys(budget["variance"], ["amount", "percentage", "direction", "size", "response"], "a budget's variance")
            }
            for connection in section["connections"]!.arrayValue! {
                assertKeys(connection, ["connectionId", "name", "cost", "previousMonthCost", "change", "share"], "a connection")
            }
            for service in section["services"]!.arrayValue! {
                assertKeys(service, ["connectionId", "connectionName", "serviceName", "cost", "previousMonthCost", "change", "share"],
                           "a service")
            }
            assertKeys(section["nextMonth"], ["budget", "projection", "method"], "next month")
            assertKeys(section["budgetAccuracy"], ["accurate", "budgets", "percentage"], "budget accuracy")
            assertKeys(section["budgetAdherence"], ["budgets", "percentage"], "budget adherence")
            for risk in section["risks"]!.arrayValue! {
                assertKeys(risk, ["level", "subject", "reason"], "a risk")
            }
        }
    }

    func testTheReportsHead() {
        let json = document()
        XCTAssertEqual(json["organizationId"], .string("00000000-0000-0000-0000-000000009000"))
        XCTAssertEqual(json["month"], "2025-06")
        XCTAssertEqual(json["complete"], .bool(true))
        XCTAssertEqual(json["asOf"], "2025-07-01T00:00:00Z")
        XCTAssertEqual(ReportJSON.monthly(June.builder(now: "2025-06-20T10:00:00Z").build())["complete"], .bool(false))
    }

    func testMoneyIsANumberWithTwoDecimals() {
        let section = usd(document())
        XCTAssertEqual(section["totalCost"]?.numberValue?.text, "364.54")
        XCTAssertEqual(section["totalBudget"]?.numberValue?.text, "333.33")
        XCTAssertEqual(section["unbudgetedCost"]?.numberValue?.text, "10.00")
        XCTAssertEqual(section["previousMonthCost"]?.numberValue?.text, "285.00")
        XCTAssertEqual(section["variance"]?["amount"]?.numberValue?.text, "21.21")
        XCTAssertEqual(section["nextMonth"]?["budget"]?.numberValue?.text, "348.34")
        XCTAssertEqual(section["nextMonth"]?["projection"]?.numberValue?.text, "341.00")
        XCTAssertEqual(ReportJSON.money(Cents(-5)), .number(JSONNumber(text: "-0.05")!))
    }

    func testTheSectionsFigures() {
        let section = usd(document())
        XCTAssertEqual(number(section["change"]), dec("27.91"))
        XCTAssertEqual(number(section["variance"]?["percentage"]), dec("6.36"))
        XCTAssertEqual(section["variance"]?["direction"], "unfavorable")
        XCTAssertEqual(section["variance"]?["size"], "small")
        XCTAssertEqual(section["variance"]?["response"], "Monitor and explain")
        XCTAssertEqual(section["nextMonth"]?["method"], "the daily run rate of the 30 complete days 2025-06-01 to 2025-06-30 × 31 days")
        XCTAssertEqual(section["budgetAccuracy"]?["accurate"], 2)
        XCTAssertEqual(section["budgetAccuracy"]?["budgets"], 4)
        XCTAssertEqual(number(section["budgetAccuracy"]?["percentage"]), dec("50"))
        XCTAssertEqual(number(section["budgetAdherence"]?["percentage"]), dec("25"))
        XCTAssertEqual(section["budgetAdherence"]?["budgets"], 4)
        let risks = section["risks"]!.arrayValue!
        XCTAssertEqual(risks.map { $0["level"]! }, ["high", "high", "medium", "medium"])
        XCTAssertEqual(risks.map { $0["subject"]! }, ["All connections", "Staging AWS", "Production yearly", "Staging quarterly"])
        XCTAssertEqual(risks[0]["reason"], "cost grew 27.91 % over the previous month")
    }

    func testChangeAndShareAreNullWithoutAFigureToCompareWith() {
        let connections = usd(document())["connections"]!.arrayValue!
        XCTAssertEqual(connections[0]["name"], "Dev GCP")
        XCTAssertEqual(connections[0]["change"], .null)
        XCTAssertEqual(number(connections[1]["change"]), dec("23.35"))
        XCTAssertEqual(number(connections[1]["share"]), dec("86.28"))
        let empty = MonthlyReportBuilder(organizationId: Org.id, month: firstOf("2025-06"), now: at("2025-07-10T00:00:00Z"),
                                         connections: [Org.production], serviceNames: [:], budgets: [], monthly: [], daily: [], asOf: nil,
                                         explanations: [:]).build()
        let section = ReportJSON.monthly(empty)["currencies"]!.arrayValue![0]
        XCTAssertEqual(section["change"], .null)
        XCTAssertEqual(section["connections"]?.arrayValue?[0]["share"], .null)
        XCTAssertEqual(section["variance"]?["percentage"], .null)
        XCTAssertEqual(ReportJSON.monthly(empty)["asOf"], .null)
    }

    func testBudgetLines() {
        let budgets = usd(document())["budgets"]!.arrayValue!
        XCTAssertEqual(budgets.map { $0["name"]! }, ["Production S3", "Production monthly", "Production yearly", "Staging quarterly"])
        let staging = budgets[3]
        XCTAssertEqual(staging["budgetId"], .string(June.staging.id.lowercasedString))
        XCTAssertEqual(staging["connectionName"], "Staging AWS")
        XCTAssertEqual(staging["timeRange"], "quarterly")
        XCTAssertEqual(staging["monthlyBudget"]?.numberValue?.text, "33.33")
        XCTAssertEqual(staging["actual"]?.numberValue?.text, "40.00")
        XCTAssertEqual(staging["countsTowardTotal"], .bool(true))
        XCTAssertEqual(staging["variance"]?["amount"]?.numberValue?.text, "6.67")
        XCTAssertEqual(number(staging["variance"]?["percentage"]), dec("20.01"))
        XCTAssertEqual(staging["variance"]?["size"], "medium")
        XCTAssertEqual(staging["variance"]?["response"], "Implement immediate cost controls")
        XCTAssertEqual(staging["explanation"]?["text"], "Load test")
        XCTAssertEqual(staging["explanation"]?["author"], "editor@example.com")
        XCTAssertEqual(staging["explanation"]?["updatedAt"], "2025-07-02T09:00:00Z")
        XCTAssertEqual(budgets[0]["explanation"], .null)
        XCTAssertEqual(budgets[0]["countsTowardTotal"], .bool(false))
        XCTAssertEqual(budgets[2]["variance"]?["direction"], "favorable")
    }

    func testServiceLines() {
        let services = usd(document())["services"]!.arrayValue!
        XCTAssertEqual(services.count, 6)
        XCTAssertEqual(services[0]["serviceName"], "Amazon EC2")
        XCTAssertEqual(services[0]["connectionName"], "Production AWS")
        XCTAssertEqual(services[0]["connectionId"], .string(Org.production.id.lowercasedString))
        XCTAssertEqual(services[0]["cost"]?.numberValue?.text, "200.00")
        XCTAssertEqual(services[0]["previousMonthCost"]?.numberValue?.text, "180.00")
        XCTAssertEqual(number(services[0]["change"]), dec("11.11"))
        XCTAssertEqual(number(services[0]["share"]), dec("54.86"))
        XCTAssertEqual(services[4]["change"], .null, "Compute Engine had no cost in May")
    }

    func testTheDocumentSurvivesSerialization() throws {
        let json = document()
        XCTAssertEqual(try JSONParser.parse(json.serialized), json)
    }

    func testTheDailyAndWeeklyDocuments() {
        let dashboard = DailyDashboardBuilder(
            organizationId: Org.id, date: day("2025-06-01"), now: at("2025-06-01T12:00:00Z"), connections: [Org.production],
            serviceNames: Org.serviceNames, budgets: [June.production], today: [serviceCost(Org.production, Org.ec2, "10.00")],
            monthToDate: [serviceCost(Org.production, Org.ec2, "150.00")], sameDaysLastMonth: [], completeDaysCost: [], asOf: nil,
            alerts: [], staleConnections: DailyDashboard.StaleConnection.find([Org.production], newestCharges: [:], now: at("2025-06-01T12:00:00Z"))
        ).build()
        let daily = ReportJSON.daily(dashboard)
        assertKeys(daily, ["organizationId", "date", "complete", "asOf", "currencies", "alerts", "staleConnections"], "the dashboard")
        let section = daily["currencies"]?.arrayValue?.first
        assertKeys(section, ["currency", "today", "dailyBudget", "monthToDate", "monthlyBudget", "runRateMonthEnd", "services", "topDrivers"],
                   "a dashboard currency")
        XCTAssertEqual(section?["dailyBudget"]?.numberValue?.text, "10.00")
        XCTAssertEqual(section?["runRateMonthEnd"], JSONValue.null, "no complete day yet")
        XCTAssertEqual(section?["topDrivers"]?.arrayValue?.first?["change"], JSONValue.null)
        XCTAssertEqual(daily["staleConnections"]?.arrayValue?.first?["hoursSince"], JSONValue.null)
        let weekly = ReportJSON.weekly(WeeklySummary.build(
            organizationId: Org.id, week: ISOWeek("2025-W24")!, now: at("2025-06-16T00:00:00Z"), connections: [Org.production],
            serviceNames: Org.serviceNames, thisWeek: [serviceCost(Org.production, Org.ec2, "15.00")],
            previousWeek: [serviceCost(Org.production, Org.ec2, "10.00")], daily: [], asOf: nil))
        assertKeys(weekly, ["organizationId", "week", "start", "end", "complete", "asOf", "currencies"], "the weekly summary")
        XCTAssertEqual(weekly["week"], "2025-W24")
        XCTAssertEqual(weekly["start"], "2025-06-09")
        XCTAssertEqual(weekly["end"], "2025-06-15")
        let week = weekly["currencies"]?.arrayValue?.first
        assertKeys(week, ["currency", "total", "previousTotal", "change", "days", "rose", "fell"], "a weekly currency")
        XCTAssertEqual(number(week?["change"]), dec("50"))
        XCTAssertEqual(week?["rose"]?.arrayValue?.first?["difference"]?.numberValue?.text, "5.00")
    }
}
