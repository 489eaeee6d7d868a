import Foundation
import Logging
import MariaDB

/// What the worker's background loops share: do the work on the loop's own connection, wait, and
/// again, until the worker stops. A database that is away is logged once when it goes and once
/// when it is back, not at every turn.
enum Repeating {
    static func run(every interval: Duration, on slot: ConnectionSlot, named name: String, logger: Logger,
                    shouldStop: () -> Bool, _ body: (Connection) throws -> Void) {
        var failing = false
        while !shouldStop() {
            do {
                try body(try slot.connection())
                if failing { logger.notice("\(name) works again") }
                failing = false
            } catch {
                if !failing { logger.warning("\(name) failed; trying again in \(interval)", metadata: ["error": "\(error)"]) }
                failing = true
            }
            Pause.sleep(interval, unless: shouldStop)
        }
    }
}

/// Sleeping in short steps, so a stopping worker never waits for a whole interval.
enum Pause {
    static func sleep(_ duration: Duration, unless shouldStop: () -> Bool) {
        let deadline = ContinuousClock.now + duration
        while !shouldStop() && ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let step = min(left, .milliseconds(250))
            let (seconds, attoseconds) = step.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            nanosleep(&request, nil)
        }
    }
}
