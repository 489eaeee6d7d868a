import Foundation
public import Logging
public import MariaDB

/// What the worker's background loops share: do the work on the loop's own connection, wait, and
/// again, until the worker stops. A database that is away is logged once when it goes and once
/// when it is back, not at every turn.
///
/// A failed turn is not left for a whole interval: it is tried again after `firstRetry`, then after
/// twice that, up to `interval`; and when the database was the problem (down, read-only, full),
/// the loop looks at it every second and goes again as soon as it takes writes, so nothing that
/// happened meanwhile waits for the next scheduled turn.
public enum Repeating {
    public static func run(every interval: Duration, on slot: ConnectionSlot, named name: String, logger: Logger,
                    firstRetry: Duration = .seconds(2), shouldStop: () -> Bool, _ body: (Connection) throws -> Void) {
        var probe = DatabaseProbe(slot: slot)
        loop(every: interval, named: name, logger: logger, firstRetry: firstRetry, databaseIsBack: { probe.takesWrites() },
             shouldStop: shouldStop) { try body(try slot.connection()) }
    }

    /// The schedule itself: `turn` every `interval`; after a failure, again after `firstRetry`,
    /// doubling up to `interval`, or as soon as `databaseIsBack` says so when the database was the
    /// problem.
    public static func loop(every interval: Duration, named name: String, logger: Logger, firstRetry: Duration,
                     databaseIsBack: () -> Bool, shouldStop: () -> Bool, _ turn: () throws -> Void) {
        var failing = false
        var retry = min(firstRetry, interval)
        while !shouldStop() {
            do {
                try turn()
                if failing { logger.notice("\(name) works again") }
                failing = false
                retry = min(firstRetry, interval)
                Pause.sleep(interval, unless: shouldStop)
            } catch {
                if !failing {
                    logger.warning("\(name) failed; trying again in \(retry), then less and less often up to every \(interval)",
                                   metadata: ["error": "\(error)"])
                }
                failing = true
                if let db = error as? MariaDBError, db.isServerCondition {
                    Pause.sleep(retry, unless: { shouldStop() || databaseIsBack() })
                } else {
                    Pause.sleep(retry, unless: shouldStop)
                }
                retry = min(retry * 2, interval)
            }
        }
    }
}

/// Asks the database at most once a second whether it takes writes again.
public struct DatabaseProbe {
    let slot: ConnectionSlot
    private var lastAsked = ContinuousClock.now

    public init(slot: ConnectionSlot) { self.slot = slot }

    public mutating func takesWrites() -> Bool {
        guard ContinuousClock.now - lastAsked >= .seconds(1) else { return false }
        lastAsked = ContinuousClock.now
        return slot.health().acceptsWrites
    }
}

/// Sleeping in short steps, so a stopping worker never waits for a whole interval.
public enum Pause {
    public static func sleep(_ duration: Duration, unless shouldStop: () -> Bool) {
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
