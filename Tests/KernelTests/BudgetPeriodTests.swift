import Kernel
import Foundation
import Testing

@Suite("Budget periods")
struct BudgetPeriodTests {
    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("a quarterly budget starting 2024-01-01 is in 2024-04-01..06-30 on 2024-05-15 (the issue's example)")
    func quarterlyExample() {
        let period = BudgetPeriod.containing(day("2024-05-15"), startMonth: day("2024-01-01"), timeRange: .quarterly)
        #expect(period.description == "2024-04-01..2024-06-30")
        #expect(period.daysRemaining(on: day("2024-05-15")) == 47)
        #expect(period.lengthInDays == 91)
    }

    @Test(
        "periods recur from the start month",
        arguments: [
            ("2025-06-01", TimeRange.monthly, "2025-06-01", "2025-06-01..2025-06-30"),
            ("2025-06-01", .monthly, "2025-06-30", "2025-06-01..2025-06-30"),
            ("2025-06-01", .monthly, "2025-07-01", "2025-07-01..2025-07-31"),
            ("2024-01-01", .monthly, "2024-02-29", "2024-02-01..2024-02-29"),
            ("2024-11-01", .quarterly, "2025-01-31", "2024-11-01..2025-01-31"),
            ("2024-11-01", .quarterly, "2025-02-01", "2025-02-01..2025-04-30"),
            ("2023-07-01", .yearly, "2025-06-30", "2024-07-01..2025-06-30"),
            ("2023-07-01", .yearly, "2025-07-01", "2025-07-01..2026-06-30"),
            ("2030-01-01", .yearly, "2025-07-01", "2030-01-01..2030-12-31"),
        ])
    func recurrence(start: String, range: TimeRange, on today: String, expected: String) {
        #expect(BudgetPeriod.containing(day(today), startMonth: day(start), timeRange: range).description == expected)
    }

    @Test("days remaining count today and stop at zero")
    func daysRemaining() {
        let period = BudgetPeriod(start: day("2025-06-01"), end: day("2025-06-30"))
        #expect(period.daysRemaining(on: day("2025-06-30")) == 1)
        #expect(period.daysRemaining(on: day("2025-06-01")) == 30)
        #expect(period.daysRemaining(on: day("2025-05-01")) == 30)
        #expect(period.daysRemaining(on: day("2025-07-02")) == 0)
    }

    @Test("local dates parse strictly and do arithmetic across months and leap years")
    func localDates() {
        #expect(LocalDate(iso: "2025-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2024-2-01") == nil)
        #expect(LocalDate(iso: "2024-02-01x") == nil)
        #expect(day("2024-01-31").adding(months: 1).iso == "2024-02-29")
        #expect(day("2024-12-31").adding(days: 1).iso == "2025-01-01")
        #expect(day("1970-01-01").daysSinceEpoch == 0)
        #expect(LocalDate(daysSinceEpoch: day("2026-11-22").daysSinceEpoch) == day("2026-11-22"))
        #expect(day("2024-01-15").months(until: day("2025-03-01")) == 14)
    }

    @Test("arithmetic beside year 1 and year 9999 gives a day and never traps (a client's ?date=0001-01-01 once killed the worker)")
    func arithmeticAtTheCalendarsEdges() {
        #expect(day("0001-01-15").adding(months: -1).iso == "0000-12-15")
        #expect(day("0001-03-31").adding(months: -15).iso == "-0001-12-31")
        #expect(day("9999-12-31").adding(months: 1).iso == "10000-01-31")
        #expect(day("9999-12-31").adding(days: 1).iso == "10000-01-01")
        #expect(day("0001-01-01").adding(months: -1).adding(months: 1) == day("0001-01-01"))
        #expect(LocalDate(computedYear: 0, month: 2, day: 29).firstOfMonth.day == 1)
    }
}

@Suite("UUID text")
struct UUIDTextTests {
    @Test("canonical ids parse in any case and print in lower case, as Foundation's do")
    func roundTrip() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(canonical: id.uuidString) == id && UUID(canonical: id.uuidString.lowercased()) == id)
            #expect(id.lowercasedString == id.uuidString.lowercased())
        }
    }

    @Test("anything but the 8-4-4-4-12 form is refused", arguments: [
        "", "550e8400e29b41d4a716446655440000", "550e8400-e29b-41d4-a716-44665544000", "550e8400-e29b-41d4-a716-4466554400000",
        "550e8400-e29b-41d4-a716_446655440000", "550e8400-e29b-41d4-a716-44665544000g", "{550e8400-e29b-41d4-a716-446655440000}",
    ])
    func refused(text: String) { #expect(UUID(canonical: text) == nil) }
}
