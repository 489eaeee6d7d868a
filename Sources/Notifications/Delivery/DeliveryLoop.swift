import Foundation
public import Logging
public import MariaDB
import Persistence

/// The worker's deliverer: looks at the outbox every `interval` and sends what is due.
///
/// Every worker process runs one, but only the holder of the database lock (`lockName`) sends;
/// the others wait their turn. The lock belongs to a connection, so a deliverer that dies or loses
/// the database gives it up and another takes over.
public struct DeliveryLoop: Sendable {
    /// `budgetd.outbox.<schema>`: named locks are server-wide, and one server may hold several
    /// budgetd schemas (staging beside production, the tests' throwaway databases).
    public static func lockName(_ connection: Connection) -> String {
        String("budgetd.outbox.\(connection.configuration.database ?? "")".prefix(64))
    }

    let database: ConnectionConfiguration
    let settings: DeliverySettings
    let interval: Duration
    let logger: Logger
    let observers: [any DeliveryObserver]

    public init(database: ConnectionConfiguration, settings: DeliverySettings, interval: Duration, logger: Logger,
                observers: [any DeliveryObserver] = []) {
        self.database = database
        self.settings = settings
        self.interval = interval
        self.logger = logger
        self.observers = observers
    }

    /// Runs until `shouldStop` returns true; a message being sent is finished first.
    public func run(shouldStop: () -> Bool) {
        let slot = ConnectionSlot(configuration: database, retryDelay: .zero)
        let delivery = OutboxDelivery(settings: settings, logger: logger, observers: observers)
        Repeating.run(every: interval, on: slot, named: "delivery", logger: logger, shouldStop: shouldStop) { connection in
            // Outcomes of messages sent while the database was away come first, lock or not.
            try delivery.recordPending(connection)
            let lock = DeliveryLoop.lockName(connection)
            if try connection.holdsLock(lock) || connection.acquireLock(lock) {
                let report = try delivery.deliverDue(connection, now: { Date() }, stop: shouldStop)
                if report != OutboxDelivery.Report() { logger.info("outbox", metadata: ["result": "\(report.summary)"]) }
            }
        }
        recordBeforeStopping(delivery, slot)
    }

    /// Messages sent while the database was away must be recorded before the process ends, or they
    /// would be sent again once their lease runs out: a few more tries, then a loud log line.
    private func recordBeforeStopping(_ delivery: OutboxDelivery, _ slot: ConnectionSlot) {
        let deadline = ContinuousClock.now + .seconds(10)
        while delivery.hasUnrecordedOutcomes && ContinuousClock.now < deadline {
            if let connection = try? slot.connection(), (try? delivery.recordPending(connection)) != nil { return }
            Pause.sleep(.milliseconds(500), unless: { false })
        }
        if delivery.hasUnrecordedOutcomes {
            logger.error("stopping with sent messages unrecorded; they may be sent again after their lease")
        }
    }
}
