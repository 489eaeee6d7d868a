import Foundation
import Kernel
import Testing

/// Timestamps written for people: UTC unless a page binds the reader's zone, the zone always shown.
@Suite("Date formats")
struct DateFormatTests {
    /// 2025-06-15 10:30:00 UTC.
    let instant = Date(timeIntervalSince1970: 1_749_983_400)

    @Test("without a zone a timestamp is UTC, and says so")
    func utc() {
        #expect(DateFormat.timestamp(instant) == "15 Jun 2025, 10:30 UTC")
    }

    @Test("in a zone the clock and the day move, and the offset is written", arguments: [
        ("Asia/Kolkata", "15 Jun 2025, 16:00 UTC+5:30"),
        ("America/New_York", "15 Jun 2025, 06:30 UTC-4"),
        ("Pacific/Kiritimati", "16 Jun 2025, 00:30 UTC+14"),
        ("Pacific/Pago_Pago", "14 Jun 2025, 23:30 UTC-11"),
        ("Europe/London", "15 Jun 2025, 11:30 UTC+1"),
        ("UTC", "15 Jun 2025, 10:30 UTC"),
    ])
    func zoned(identifier: String, expected: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        #expect(DateFormat.$zone.withValue(zone) { DateFormat.timestamp(instant) } == expected)
    }

    @Test("winter and summer time give their own offsets")
    func daylightSaving() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let january = Date(timeIntervalSince1970: 1_736_937_000)  // 2025-01-15 10:30 UTC
        #expect(DateFormat.$zone.withValue(paris) { DateFormat.timestamp(january) } == "15 Jan 2025, 11:30 UTC+1")
        #expect(DateFormat.$zone.withValue(paris) { DateFormat.timestamp(instant) } == "15 Jun 2025, 12:30 UTC+2")
    }

    @Test("offset labels", arguments: [(0, "UTC"), (3600, "UTC+1"), (-16_200, "UTC-4:30"), (20_700, "UTC+5:45")])
    func labels(seconds: Int, label: String) {
        #expect(DateFormat.zoneLabel(offsetSeconds: seconds) == label)
    }
}
