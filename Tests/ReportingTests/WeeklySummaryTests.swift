import CostData
import Foundation
import Kernel
import Reporting
import XCTest

final class WeeklySummaryTests: XCTestCase {
    let week = ISOWeek("2025-W24")!
    let aws = Org.production

    /// Seven services that rose (by 7.00 down to 1.00), six that fell (by 20.00 down to 1.00), one unchanged.
    func summary(now: String = "2025-06-16T01:00:00Z") -> WeeklySummary {
        let rising: [(String, String)] = [("10.00", "17.00"), ("0", "6.00"), ("10.00", "15.00"), ("10.00", "14.00"), ("10.00", "13.00"),
                                          ("10.00", "12.00"), ("10.00", "11.00")]
        let falling: [(String, String)] = [("20.00", "0"), ("20.00", "5.00"), ("20.00", "10.00"), ("20.00", "15.00"), ("20.00", "18.00"),
                                           ("20.00", "19.00")]
        var names = Org.serviceNames
        var thisWeek: [ServiceCost] = []
        var previousWeek: [ServiceCost] = []
        for (i, (before, after)) in rising.enumerated() {
            names[uuid(300 + i)] = "Rising \(i)"
            previousWeek.append(serviceCost(aws, uuid(300 + i), before))
            thisWeek.append(serviceCost(aws, uuid(300 + i), after))
        }
        for (i, (before, after)) in falling.enumerated() {
            names[uuid(400 + i)] = "Falling \(i)"
            previousWeek.append(serviceCost(aws, uuid(400 + i), before))
            thisWeek.append(serviceCost(aws, uuid(400 + i), after))
        }
        names[uuid(500)] = "Steady"
        previousWeek.append(serviceCost(Org.staging, uuid(500), "5.00"))
        thisWeek.append(serviceCost(Org.staging, uuid(500), "5.00"))
        previousWeek.append(serviceCost(Org.azure, Org.vm, "50.00"))
        thisWeek.append(serviceCost(Org.azure, Org.vm, "60.00"))
        let daily = (0..<7).map { dayCost(day("2025-06-09").adding(days: $0).iso, aws, "\($0 + 1).00") }
            + [dayCost("2025-06-11", Org.staging, "0.50"), dayCost("2025-06-08", aws, "99.00"), dayCost("2025-06-10", Org.azure, "8.00")]
        return WeeklySummary.build(organizationId: Org.id, week: week, now: at(now), connections: Org.connections, serviceNames: names,
                                   thisWeek: thisWeek, previousWeek: previousWeek, daily: daily, asOf: at("2025-06-15T22:00:00Z"))
    }

    func section(_ summary: WeeklySummary, _ currency: String) -> WeeklySummary.Section {
        summary.currencies.first { $0.currency == currency }!
    }

    func testTheWeekTotalAgainstThePreviousWeek() {
        let usd = section(summary(), "USD")
        XCTAssertEqual(usd.total, cents("160.00"))
        XCTAssertEqual(usd.previousTotal, cents("185.00"))
        XCTAssertEqual(usd.change, dec("-13.51"))
        let eur = section(summary(), "EUR")
        XCTAssertEqual(eur.total, cents("60.00"))
        XCTAssertEqual(eur.previousTotal, cents("50.00"))
        XCTAssertEqual(eur.change, dec("20"))
    }

    func testTheSevenDaysMondayToSunday() {
        let usd = section(summary(), "USD")
        XCTAssertEqual(usd.days.map(\.day), (0..<7).map { day("2025-06-09").adding(days: $0) })
        XCTAssertEqual(usd.days.map(\.cost), ["1.00", "2.00", "3.50", "4.00", "5.00", "6.00", "7.00"].map(cents))
        XCTAssertEqual(section(summary(), "EUR").days.map(\.cost), ["0", "8.00", "0", "0", "0", "0", "0"].map(cents))
    }

    func testTheFiveThatRoseMost() {
        let rose = section(summary(), "USD").rose
        XCTAssertEqual(rose.map(\.serviceName), ["Rising 0", "Rising 1", "Rising 2", "Rising 3", "Rising 4"])
        XCTAssertEqual(rose.map(\.difference), ["7.00", "6.00", "5.00", "4.00", "3.00"].map(cents))
        XCTAssertEqual(rose.map(\.change), [dec("70"), nil, dec("50"), dec("40"), dec("30")], "no change from nothing")
        XCTAssertEqual(rose[0].thisWeek, cents("17.00"))
        XCTAssertEqual(rose[0].previousWeek, cents("10.00"))
        XCTAssertEqual(rose[0].connectionName, "Production AWS")
    }

    func testTheFiveThatFellMost() {
        let fell = section(summary(), "USD").fell
        XCTAssertEqual(fell.map(\.serviceName), ["Falling 0", "Falling 1", "Falling 2", "Falling 3", "Falling 4"])
        XCTAssertEqual(fell.map(\.difference), ["-20.00", "-15.00", "-10.00", "-5.00", "-2.00"].map(cents))
        XCTAssertEqual(fell.map(\.change), [dec("-100"), dec("-75"), dec("-50"), dec("-25"), dec("-10")])
        XCTAssertFalse((section(summary(), "USD").rose + fell).contains { $0.serviceName == "Steady" })
    }

    func testTheWeekIsCompleteOnceItsSundayIsOver() {
        XCTAssertTrue(summary(now: "2025-06-16T00:00:00Z").complete)
        XCTAssertFalse(summary(now: "2025-06-15T23:59:59Z").complete)
        XCTAssertEqual(summary().week, week)
        XCTAssertEqual(summary().asOf, at("2025-06-15T22:00:00Z"))
    }
}
