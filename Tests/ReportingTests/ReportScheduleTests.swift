import Foundation
import Kernel
import Reporting
import XCTest

final class ReportScheduleTests: XCTestCase {
    let schedule = ReportSchedule(settings: ReportSettings())

    func due(_ report: ReportSubscription.Report, _ now: String, _ schedule: ReportSchedule? = nil) -> ReportSchedule.Due {
        (schedule ?? self.schedule).due(report, at: at(now))
    }

    func assertDue(_ due: ReportSchedule.Due, _ period: String, _ dueAt: String, _ start: String, file: StaticString = #filePath,
                   line: UInt = #line) {
        XCTAssertEqual(due.period, period, file: file, line: line)
        XCTAssertEqual(due.dueAt, at(dueAt), file: file, line: line)
        XCTAssertEqual(due.start, day(start), file: file, line: line)
    }

    func testTheDefaultsAreTheThirdAtSixUTC() {
        XCTAssertEqual(ReportSettings().monthlySendDay, 3)
        XCTAssertEqual(ReportSettings().sendHour, 6)
    }

    func testAMonthIsDueOnTheSendDayOfTheFollowingMonthAtTheSendHour() {
        assertDue(due(.monthly, "2025-07-03T06:00:00Z"), "2025-06", "2025-07-03T06:00:00Z", "2025-06-01")
        assertDue(due(.monthly, "2025-07-31T23:59:59Z"), "2025-06", "2025-07-03T06:00:00Z", "2025-06-01")
    }

    func testBeforeTheSendMomentTheMonthBeforeIsTheLatestDue() {
        assertDue(due(.monthly, "2025-07-03T05:59:59Z"), "2025-05", "2025-06-03T06:00:00Z", "2025-05-01")
        XCTAssertEqual(due(.monthly, "2025-07-01T00:00:00Z").period, "2025-05")
    }

    func testMonthsAcrossTheYear() {
        assertDue(due(.monthly, "2026-01-02T12:00:00Z"), "2025-11", "2025-12-03T06:00:00Z", "2025-11-01")
        assertDue(due(.monthly, "2026-01-03T06:00:00Z"), "2025-12", "2026-01-03T06:00:00Z", "2025-12-01")
    }

    func testTheSendDayAndHourAreSettings() {
        let custom = ReportSchedule(settings: ReportSettings(monthlySendDay: 10, sendHour: 0))
        assertDue(due(.monthly, "2025-07-10T00:00:00Z", custom), "2025-06", "2025-07-10T00:00:00Z", "2025-06-01")
        XCTAssertEqual(due(.monthly, "2025-07-09T23:59:59Z", custom).period, "2025-05")
        XCTAssertEqual(due(.daily, "2025-06-15T00:00:00Z", custom).period, "2025-06-14")
    }

    func testAWeekIsDueOnTheMondayAfter() {
        assertDue(due(.weekly, "2025-06-16T06:00:00Z"), "2025-W24", "2025-06-16T06:00:00Z", "2025-06-09")
        XCTAssertEqual(due(.weekly, "2025-06-22T23:00:00Z").period, "2025-W24")
        assertDue(due(.weekly, "2025-06-16T05:59:59Z"), "2025-W23", "2025-06-09T06:00:00Z", "2025-06-02")
    }

    func testWeeksAcrossTheYear() {
        assertDue(due(.weekly, "2024-12-30T07:00:00Z"), "2024-W52", "2024-12-30T06:00:00Z", "2024-12-23")
        XCTAssertEqual(due(.weekly, "2025-01-06T06:00:00Z").period, "2025-W01")
        assertDue(due(.weekly, "2021-01-04T06:00:00Z"), "2020-W53", "2021-01-04T06:00:00Z", "2020-12-28")
    }

    func testADayIsDueTheNextMorning() {
        assertDue(due(.daily, "2025-06-15T06:00:00Z"), "2025-06-14", "2025-06-15T06:00:00Z", "2025-06-14")
        assertDue(due(.daily, "2025-06-15T05:59:59Z"), "2025-06-13", "2025-06-14T06:00:00Z", "2025-06-13")
        XCTAssertEqual(due(.daily, "2025-01-01T07:00:00Z").period, "2024-12-31")
    }
}
