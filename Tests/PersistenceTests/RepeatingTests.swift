@testable import Persistence
import Foundation
import Logging
import MariaDB
import Testing

/// A background loop whose turn failed does not wait a whole interval before trying again.
@Suite("Repeating background work")
struct RepeatingTests {
    struct Bug: Error {}
    static let down = MariaDBError(code: 2002, sqlState: "HY000", message: "Can't connect", context: "test")
    let logger = Logger(label: "test")
    /// Far beyond anything the loop may wait here; only a loop that waits its whole interval meets it.
    let safety = ContinuousClock.now + .seconds(120)

    @Test("failed turns are retried within seconds, backing off, not an hour later")
    func retriesSoon() {
        var turns = 0
        Repeating.loop(every: .seconds(3600), named: "test", logger: logger, firstRetry: .milliseconds(10), databaseIsBack: { false },
                       shouldStop: { turns >= 4 || ContinuousClock.now > safety }) {
            turns += 1
            if turns < 4 { throw turns % 2 == 0 ? Bug() : RepeatingTests.down }
        }
        #expect(turns == 4)
        #expect(ContinuousClock.now < safety)
    }

    @Test("when the database was the problem, the next turn runs as soon as it is back")
    func runsWhenTheDatabaseIsBack() {
        var turns = 0
        var asked = 0
        Repeating.loop(every: .seconds(3600), named: "test", logger: logger, firstRetry: .seconds(3600),
                       databaseIsBack: { asked += 1; return asked >= 3 }, shouldStop: { turns >= 2 || ContinuousClock.now > safety }) {
            turns += 1
            if turns == 1 { throw RepeatingTests.down }
        }
        #expect(turns == 2)
        #expect(ContinuousClock.now < safety)
    }
}
