import Foundation
import Kernel
import Reporting
import XCTest

final class ISOWeekTests: XCTestCase {
    func week(_ text: String) -> ISOWeek { ISOWeek(text)! }

    func testParsesAndWritesYYYYWww() {
        let w = week("2025-W24")
        XCTAssertEqual(w.year, 2025)
        XCTAssertEqual(w.week, 24)
        XCTAssertEqual(w.description, "2025-W24")
        XCTAssertEqual(w.start, day("2025-06-09"))
        XCTAssertEqual(w.end, day("2025-06-15"))
        XCTAssertEqual(week("2025-W01").description, "2025-W01")
    }

    func testWeeksAcrossYearBoundaries() {
        XCTAssertEqual(week("2020-W53").start, day("2020-12-28"))
        XCTAssertEqual(week("2020-W53").end, day("2021-01-03"))
        XCTAssertEqual(week("2021-W01").start, day("2021-01-04"))
        XCTAssertEqual(week("2025-W01").start, day("2024-12-30"))
        XCTAssertEqual(week("2026-W53").start, day("2026-12-28"))
        XCTAssertEqual(week("2009-W01").start, day("2008-12-29"))
    }

    func testTheWeekContainingADay() {
        let expected = [("2024-12-30", "2025-W01"), ("2024-12-29", "2024-W52"), ("2021-01-03", "2020-W53"), ("2021-01-01", "2020-W53"),
                        ("2021-01-04", "2021-W01"), ("2020-12-31", "2020-W53"), ("2025-12-29", "2026-W01"), ("2027-01-01", "2026-W53"),
                        ("2027-01-04", "2027-W01"), ("2010-01-03", "2009-W53"), ("2025-06-15", "2025-W24"), ("2025-06-16", "2025-W25"),
                        ("1970-01-01", "1970-W01")]
        for (date, text) in expected {
            XCTAssertEqual(ISOWeek(containing: day(date)).description, text, date)
        }
    }

    func testOnlyYearsWithAThursdayStartOrALeapWednesdayStartHaveWeek53() {
        for text in ["2015-W53", "2020-W53", "2026-W53", "2032-W53", "2004-W53"] {
            XCTAssertNotNil(ISOWeek(text), text)
        }
        for text in ["2021-W53", "2024-W53", "2025-W53", "2019-W53"] {
            XCTAssertNil(ISOWeek(text), text)
        }
    }

    func testRejectsAnythingElse() {
        for text in ["2025-W00", "2025-W54", "2025W24", "2025-w24", "2025-W1", "2025-W024", "1969-W01", "3000-W01",
                     "9999-W52", "abcd", "2025-24", "+025-W01",
                     "2025-W2a", "2025-W+1", " 2025-W1", "", "２０２５-W24"] {
            XCTAssertNil(ISOWeek(text), text)
        }
    }

    func testThePreviousWeek() {
        XCTAssertEqual(week("2021-W01").previous, week("2020-W53"))
        XCTAssertEqual(week("2025-W01").previous, week("2024-W52"))
        XCTAssertEqual(week("2025-W24").previous, week("2025-W23"))
    }

    func testOrder() {
        XCTAssertLessThan(week("2020-W53"), week("2021-W01"))
        XCTAssertLessThan(week("2025-W09"), week("2025-W10"))
        XCTAssertFalse(week("2025-W10") < week("2025-W10"))
    }

    /// Every day of ten years lies in its week, which starts on a Monday, lasts seven days and reads back.
    func testEveryDayLiesInAWeekStartingOnMonday() {
        let first = day("2019-01-01")
        var previous: ISOWeek?
        for offset in 0..<first.days(until: day("2029-01-01")) {
            let date = first.adding(days: offset)
            let w = ISOWeek(containing: date)
            XCTAssertTrue(w.start <= date && date <= w.end, date.iso)
            XCTAssertEqual(w.start.days(until: w.end), 6)
            XCTAssertEqual((w.start.daysSinceEpoch + 3) % 7, 0, "\(w) starts on a Monday")
            XCTAssertEqual(ISOWeek(w.description), w, date.iso)
            if let previous, previous != w {
                XCTAssertEqual(w.previous, previous, date.iso)
                XCTAssertEqual(previous.end.adding(days: 1), w.start)
            }
            previous = w
        }
    }
}
