import Foundation
import MariaDB
import Notifications

/// The `--deliver` of the commands that queue messages (`evaluate`, `reports distribute`): sends
/// what the outbox holds, as a worker's delivery loop would, for deployments without a worker.
enum QueuedDelivery {
    /// Waits for the deliverer lock (shorter than the connection's 30 s read timeout, so a busy
    /// outbox is this message, not a lost connection), sends, and prints the outcome.
    static func deliver(_ delivery: OutboxDelivery, db: Connection) throws {
        guard try db.acquireLock(DeliveryLoop.lockName(db), timeoutSeconds: 20) else {
            Startup.fail("another deliverer held the outbox for 20 s; a running worker sends the queued messages itself")
        }
        let sent = try delivery.deliverDue(db, now: { Date() })
        try db.releaseLock(DeliveryLoop.lockName(db))
        print("delivered: \(sent.summary)")
    }

    /// Messages sent before the database went away must be recorded, or a later pass would send
    /// them again: keep trying for a minute before giving up.
    static func recordBeforeExit(_ delivery: OutboxDelivery, configuration: Configuration) {
        guard delivery.hasUnrecordedOutcomes else { return }
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let db = try? Connection(configuration: configuration.database), (try? delivery.recordPending(db)) != nil { return }
            sleep(1)
        }
        FileHandle.standardError.write(Data("budgetd: messages were sent but could not be recorded; they may be sent again after their lease\n".utf8))
    }
}
