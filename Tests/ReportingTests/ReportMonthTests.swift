import Foundation
import Kernel
import Reporting
import XCTest

final class ReportMonthTests: XCTestCase {
    func testParsesYYYYMMToTheFirstOfTheMonth() {
        XCTAssertEqual(ReportMonth.parse("2025-06"), day("2025-06-01"))
        XCTAssertEqual(ReportMonth.parse("2025-01"), day("2025-01-01"))
        XCTAssertEqual(ReportMonth.parse("2025-12"), day("2025-12-01"))
        XCTAssertEqual(ReportMonth.parse("1970-01"), day("1970-01-01"))
        XCTAssertEqual(ReportMonth.parse("2999-12"), day("2999-12-01"))
    }

    func testRejectsAnythingElse() {
        for text in ["2025-13", "2025-00", "abcd", "2025-6", "2025-006", "2025-06-01", "25-06", "2025/06", "202506", "1969-12", "3000-01", "9999-12",
                     "0001-01", "+025-06",
                     "2025-+6", " 2025-06", "2025-06 ", "2025-0a", "", "２０２５-06"] {
            XCTAssertNil(ReportMonth.parse(text), text)
        }
    }

    func testWritesTheMonth() {
        XCTAssertEqual(ReportMonth.text(day("2025-06-15")), "2025-06")
        XCTAssertEqual(ReportMonth.text(day("2025-01-01")), "2025-01")
    }
}
