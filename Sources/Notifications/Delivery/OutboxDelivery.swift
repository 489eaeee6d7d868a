import Kernel
public import Foundation
import JSON
public import Logging
public import MariaDB

/// Sends what the outbox holds: alert e-mails through the sendmail-compatible command, events to
/// webhooks. Each message is claimed with a lease before it is sent, and its outcome recorded
/// after: delivered (with a `BudgetAlertTriggeredEvent` for an e-mail, in the same transaction),
/// retried later with a doubling delay, or `failed` with its error after the last attempt.
///
/// An outcome the database could not take (it went away mid-send) is kept here and recorded
/// first thing on the next pass, before anything new is claimed, so a message that went out is
/// never sent again because its delivery was not written down. Only a process that dies between
/// sending and recording can repeat a message, after its lease; the stable Message-ID and
/// delivery id let the far side recognise it.
public final class OutboxDelivery {
    /// One pass's tally, for logs and the `deliver` command.
    public struct Report: Sendable, Equatable {
        public var delivered = 0
        public var retrying = 0
        public var failed = 0
        public var summary: String { "delivered=\(delivered) retrying=\(retrying) failed=\(failed)" }
    }

    private struct Outcome {
        let message: OutboxMessage
        let attempt: Int
        let error: DeliveryError?
        let at: Date
    }

    let settings: DeliverySettings
    let logger: Logger
    let observers: [any DeliveryObserver]
    private let webhooks: WebhookSender
    private var unrecorded: [Outcome] = []
    /// Messages claimed per query.
    private let batchSize = 50

    public init(settings: DeliverySettings, logger: Logger, observers: [any DeliveryObserver] = []) {
        self.settings = settings
        self.logger = logger
        self.observers = observers
        webhooks = WebhookSender(timeout: settings.sendTimeout)
    }

    /// Whether outcomes wait to be recorded (the database was away when they happened).
    public var hasUnrecordedOutcomes: Bool { !unrecorded.isEmpty }

    /// Records outcomes that could not be written before. Needs no deliverer lock: each write is
    /// conditional on the attempt it records.
    /// - Throws: `MariaDBError` while the database is unavailable; the outcomes are kept. Any other
    ///   failure (the organization was deleted meanwhile, say) is logged and that outcome dropped,
    ///   so one odd message cannot hold up every other.
    public func recordPending(_ connection: Connection) throws {
        while let outcome = unrecorded.first {
            do {
                try record(outcome, connection)
            } catch let error as MariaDBError where error.isServerCondition || connection.isBroken {
                throw error
            } catch {
                logger.error("cannot record a delivery outcome; dropped", metadata: ["outbox_id": "\(outcome.message.id)", "error": "\(error)"])
            }
            unrecorded.removeFirst()
        }
    }

    /// Sends every message due at `now()`, until none is left or `stop()` says so. Call it while
    /// holding the deliverer lock, so that one process at a time sends.
    /// - Throws: `MariaDBError` when the database fails; outcomes not yet recorded are kept.
    public func deliverDue(_ connection: Connection, now: () -> Date, stop: () -> Bool = { false }) throws -> Report {
        var report = Report()
        try recordPending(connection)
        while true {
            let due = try OutboxStore.due(at: now(), limit: batchSize, in: connection)
            var claimed = 0
            for message in due {
                if stop() { return report }
                let claimedAt = now()
                let leaseEnd = claimedAt.addingTimeInterval(settings.leaseSeconds)
                guard try connection.transaction({ tx in try OutboxStore.claim(message.id, at: claimedAt, leaseEnd: leaseEnd, in: tx) }) else {
                    continue
                }
                claimed += 1
                let attempt = message.attempts + 1
                let error = send(message, connection: connection, now: claimedAt)
                let outcome = Outcome(message: message, attempt: attempt, error: error, at: now())
                unrecorded.append(outcome)
                try recordPending(connection)
                switch error {
                case nil: report.delivered += 1
                case let error? where isFinal(error, attempt: attempt): report.failed += 1
                case _?: report.retrying += 1
                }
            }
            // Nothing due, or nothing this deliverer could take: done until the next look.
            if claimed == 0 { return report }
        }
    }

    private func send(_ message: OutboxMessage, connection: Connection, now: Date) -> DeliveryError? {
        do {
            switch message.channel {
            case .email:
                let mail = MailMessage(
                    organizationId: message.organizationId, number: message.number, from: settings.mailFrom, to: message.recipient,
                    subject: message.subject ?? "Budget alert",
                    text: message.bodyText ?? "", html: message.bodyHTML ?? "", attachment: message.attachment, date: now, host: settings.host)
                let outcome = try CommandRunner.run(settings.sendmail, input: mail.bytes, timeout: settings.sendTimeout)
                if outcome.timedOut { return DeliveryError("mail command timed out after \(settings.sendTimeout)") }
                if outcome.status != 0 {
                    return DeliveryError("mail command exited with status \(outcome.status)" + (outcome.output.isEmpty ? "" : ": \(outcome.output)"))
                }
            case .webhook:
                guard let id = message.webhookId, let webhook = try WebhookStore.find(id, in: connection) else {
                    return DeliveryError("the webhook was removed", permanent: true)
                }
                try webhooks.post(url: webhook.url, body: Array((message.payload ?? "{}").utf8), secret: webhook.secret,
                                  event: message.subject ?? "", deliveryId: message.number, now: now, allowPrivate: settings.allowPrivateWebhooks)
            }
            return nil
        } catch let error as DeliveryError {
            return error
        } catch {
            logger.warning("cannot look up the message's webhook", metadata: ["outbox_id": "\(message.id)", "error": "\(error)"])
            return DeliveryError("the webhook could not be looked up (database error); see the worker's log")
        }
    }

    private func isFinal(_ error: DeliveryError, attempt: Int) -> Bool {
        error.isPermanent || attempt >= settings.maximumAttempts
    }

    private func record(_ outcome: Outcome, _ connection: Connection) throws {
        let message = outcome.message
        var log = logger
        log[metadataKey: "outbox_id"] = "\(message.id)"
        log[metadataKey: "channel"] = "\(message.channel.rawValue)"
        log[metadataKey: "attempt"] = "\(outcome.attempt)"
        guard let error = outcome.error else {
            do {
                try recordDelivery(outcome, connection)
            } catch let failure as MariaDBError where failure.isServerCondition || connection.isBroken {
                throw failure
            } catch {
                // Sent is sent: without its event if need be, but never left to be sent again.
                log.error("delivered, but its event could not be written", metadata: ["error": "\(error)"])
                _ = try connection.transaction { tx in try OutboxStore.markDelivered(message.id, attempt: outcome.attempt, at: outcome.at, in: tx) }
            }
            log.info("message delivered")
            return
        }
        if isFinal(error, attempt: outcome.attempt) {
            _ = try connection.transaction { tx in try OutboxStore.markFailed(message.id, attempt: outcome.attempt, error: error.message, in: tx) }
            log.error("message delivery failed for good", metadata: ["error": "\(error.message)"])
        } else {
            let next = settings.nextAttempt(after: outcome.attempt, from: outcome.at)
            _ = try connection.transaction { tx in
                try OutboxStore.markRetry(message.id, attempt: outcome.attempt, error: error.message, next: next, in: tx)
            }
            log.warning("message delivery failed; will retry",
                        metadata: ["error": "\(error.message)", "next_attempt_at": "\(UTCTimestamp.iso8601(next))"])
        }
    }

    /// Marks the message delivered and tells the observers (an alert e-mail's feature writes its
    /// event), in one transaction; a late or repeated call changes nothing.
    private func recordDelivery(_ outcome: Outcome, _ connection: Connection) throws {
        let message = outcome.message
        try connection.transaction { tx in
            guard try OutboxStore.markDelivered(message.id, attempt: outcome.attempt, at: outcome.at, in: tx) else { return }
            for observer in observers { try observer.delivered(message, attempts: outcome.attempt, at: outcome.at, in: tx) }
        }
    }
}
