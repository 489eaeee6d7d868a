import CostData
import Foundation
import Kernel
import Reporting
import XCTest

final class DailyDashboardTests: XCTestCase {
    func builder(date: String = "2025-06-15", now: String = "2025-06-15T12:00:00Z") -> DailyDashboardBuilder {
        let aws = Org.production
        return DailyDashboardBuilder(
            organizationId: Org.id, date: day(date), now: at(now), connections: Org.connections, serviceNames: Org.serviceNames,
            budgets: [June.production, June.productionS3, June.staging, June.azure, June.stagingDeleted],
            today: [serviceCost(aws, Org.ec2, "10.00"), serviceCost(aws, Org.s3, "1.005"), serviceCost(Org.staging, Org.lambda, "2.00"),
                    serviceCost(Org.azure, Org.vm, "5.00")],
            monthToDate: [serviceCost(aws, Org.ec2, "150.00"), serviceCost(aws, Org.s3, "15.00"), serviceCost(aws, Org.rds, "40.00"),
                          serviceCost(aws, Org.cloudFront, "3.00"), serviceCost(Org.staging, Org.lambda, "30.00"),
                          serviceCost(Org.development, Org.compute, "60.00"), serviceCost(Org.azure, Org.vm, "75.00")],
            sameDaysLastMonth: [serviceCost(aws, Org.ec2, "100.00"), serviceCost(aws, Org.s3, "15.00"), serviceCost(aws, Org.rds, "50.00"),
                                serviceCost(Org.staging, Org.lambda, "20.00"), serviceCost(Org.azure, Org.vm, "60.00")],
            completeDaysCost: [serviceCost(aws, Org.ec2, "140.00"), serviceCost(Org.staging, Org.lambda, "28.00"),
                               serviceCost(Org.azure, Org.vm, "70.00")],
            asOf: at("2025-06-15T11:00:00Z"), alerts: [], staleConnections: [])
    }

    func section(_ dashboard: DailyDashboard, _ currency: String) -> DailyDashboard.Section {
        dashboard.currencies.first { $0.currency == currency }!
    }

    func testTodayIsPartialWithItsAsOf() {
        let dashboard = builder().build()
        XCTAssertEqual(dashboard.date, day("2025-06-15"))
        XCTAssertFalse(dashboard.complete)
        XCTAssertEqual(dashboard.asOf, at("2025-06-15T11:00:00Z"))
        XCTAssertEqual(dashboard.alerts, [])
        XCTAssertEqual(dashboard.currencies.map(\.currency), ["EUR", "USD"])
        XCTAssertTrue(builder(now: "2025-06-16T00:00:00Z").build().complete)
    }

    func testTodayAgainstTheDailyBudgetAndTheMonthAgainstTheMonthlyBudget() {
        let usd = section(builder().build(), "USD")
        XCTAssertEqual(usd.today, cents("13.01"))
        XCTAssertEqual(usd.monthToDate, cents("298.00"))
        XCTAssertEqual(usd.monthlyBudget, cents("333.33"), "the organization rule: 300.00 + 33.33, not the S3 budget nor the deleted one")
        XCTAssertEqual(usd.dailyBudget, cents("11.11"), "333.33 ÷ 30")
        let eur = section(builder().build(), "EUR")
        XCTAssertEqual(eur.today, cents("5.00"))
        XCTAssertEqual(eur.monthToDate, cents("75.00"))
        XCTAssertEqual(eur.monthlyBudget, cents("200.00"))
        XCTAssertEqual(eur.dailyBudget, cents("6.67"))
    }

    func testTheRunRateMonthEndComesFromTheCompleteDays() {
        let usd = section(builder().build(), "USD")
        XCTAssertEqual(usd.runRateMonthEnd, cents("360.00"), "168.00 over 14 days × 30")
        XCTAssertEqual(usd.runRateMethod, "the daily run rate of the 14 complete days 2025-06-01 to 2025-06-14 × 30 days")
        XCTAssertEqual(section(builder().build(), "EUR").runRateMonthEnd, cents("150.00"))
    }

    func testNoCompleteDayYetMeansNoRunRate() {
        let usd = section(builder(date: "2025-06-01", now: "2025-06-01T08:00:00Z").build(), "USD")
        XCTAssertNil(usd.runRateMonthEnd)
    }

    func testServicesByMonthToDate() {
        let services = section(builder().build(), "USD").services
        XCTAssertEqual(services.map(\.serviceName), ["Amazon EC2", "Compute Engine", "Amazon RDS", "AWS Lambda", "Amazon S3", "Amazon CloudFront"])
        XCTAssertEqual(services.map(\.today), ["10.00", "0", "0", "2.00", "1.01", "0"].map(cents))
        XCTAssertEqual(services.map(\.monthToDate), ["150.00", "60.00", "40.00", "30.00", "15.00", "3.00"].map(cents))
        XCTAssertEqual(services.map(\.connectionName), ["Production AWS", "Dev GCP", "Production AWS", "Staging AWS", "Production AWS",
                                                         "Production AWS"])
    }

    func testTheTopFiveDriversBesideTheSameDaysOfLastMonth() {
        let drivers = section(builder().build(), "USD").topDrivers
        XCTAssertEqual(drivers.map(\.serviceName), ["Amazon EC2", "Compute Engine", "Amazon RDS", "AWS Lambda", "Amazon S3"])
        XCTAssertEqual(drivers.map(\.monthToDate), ["150.00", "60.00", "40.00", "30.00", "15.00"].map(cents))
        XCTAssertEqual(drivers.map(\.sameDaysLastMonth), ["100.00", "0", "50.00", "20.00", "15.00"].map(cents))
        XCTAssertEqual(drivers.map(\.change), [dec("50"), nil, dec("-20"), dec("50"), dec("0")])
    }

    func testThePastDaysWindows() {
        let running = DailyDashboardBuilder.completeDays(of: day("2025-06-15"), now: at("2025-06-15T12:00:00Z"))
        XCTAssertEqual(running.from, day("2025-06-01"))
        XCTAssertEqual(running.to, day("2025-06-15"), "today is not complete")
        let past = DailyDashboardBuilder.completeDays(of: day("2025-06-15"), now: at("2025-06-20T00:00:00Z"))
        XCTAssertEqual(past.to, day("2025-06-16"), "a past day is complete itself")
        let first = DailyDashboardBuilder.completeDays(of: day("2025-06-01"), now: at("2025-06-01T23:59:59Z"))
        XCTAssertEqual(first.from, first.to)
    }

    func testTheSameDaysOfLastMonth() {
        let expected = [("2025-06-15", "2025-05-01", "2025-05-16"), ("2025-03-31", "2025-02-01", "2025-03-01"),
                        ("2024-03-30", "2024-02-01", "2024-03-01"), ("2025-01-10", "2024-12-01", "2024-12-11"),
                        ("2025-07-31", "2025-06-01", "2025-07-01")]
        for (date, from, to) in expected {
            let window = DailyDashboardBuilder.sameDaysLastMonth(of: day(date))
            XCTAssertEqual(window.from, day(from), date)
            XCTAssertEqual(window.to, day(to), date)
        }
    }

    func testAConnectionWhoseNewestChargeIsOlderThan48HoursIsStale() {
        let now = at("2025-06-15T12:00:00Z")
        let connections = (1...6).map { ReportConnection(id: uuid($0), name: "C\($0)", currency: "USD") }
        let newest: [UUID: Date] = [
            uuid(1): now.addingTimeInterval(-47 * 3600),
            uuid(2): now.addingTimeInterval(-48 * 3600),
            uuid(3): now.addingTimeInterval(-48 * 3600 - 1),
            uuid(4): now.addingTimeInterval(-72.5 * 3600),
            uuid(6): now,
        ]
        let stale = DailyDashboard.StaleConnection.find(connections, newestCharges: newest, now: now)
        XCTAssertEqual(stale.map(\.name), ["C3", "C4", "C5"], "48 hours exactly is not older than 48 hours; no charge at all is stale")
        XCTAssertEqual(stale.map(\.hoursSince), [48, 72, nil])
        XCTAssertEqual(stale.map(\.newestCharge), [newest[uuid(3)], newest[uuid(4)], nil])
        XCTAssertEqual(stale.map(\.connectionId), [uuid(3), uuid(4), uuid(5)])
    }
}
