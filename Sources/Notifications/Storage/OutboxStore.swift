public import Foundation
import Kernel
import MariaDB
import Persistence

/// One message waiting in (or gone through) the outbox.
public struct OutboxMessage: Sendable {
    public enum Channel: String, Sendable { case email, webhook }
    public enum Status: String, Sendable { case pending, sending, delivered, failed, cancelled }

    public let id: Int64
    /// What the organization sees (the delivery id a webhook receives, the e-mail's Message-ID):
    /// its messages count 1, 2, 3… (`OrganizationCounter`).
    public let number: Int64
    public let organizationId: UUID
    public let budgetId: UUID?
    public let breachId: Int64?
    public let eventId: UUID?
    public let channel: Channel
    /// An e-mail address, or the webhook's URL.
    public let recipient: String
    public let webhookId: UUID?
    public let subject: String?
    public let bodyText: String?
    public let bodyHTML: String?
    /// A file sent with an e-mail (a report's CSV).
    public let attachment: MailAttachment?
    public let payload: String?
    public let status: Status
    public let attempts: Int
    public let lastError: String?
    public let createdAt: Date
    public let deliveredAt: Date?
}

extension OutboxMessage.Status {
    /// The status for people: "Queued" before the first attempt, "Retrying" after a failed one.
    public func label(attempts: Int) -> String {
        switch self {
        case .delivered: "Delivered"
        case .pending: attempts == 0 ? "Queued" : "Retrying"
        case .sending: "Sending"
        case .failed: "Failed"
        case .cancelled: "Cancelled"
        }
    }
}

/// The outbox: messages written in the transaction of what they announce, delivered later.
enum OutboxStore {
    static func enqueueEmail(organizationId: UUID, budgetId: UUID?, breachId: Int64?, to recipient: String, subject: String,
                             text: String, html: String, attachment: MailAttachment? = nil, at now: Date, in tx: Transaction) throws {
        let number = try OrganizationCounter.messageNumber.next(organizationId: organizationId, tx)
        try tx.execute("""
            INSERT INTO alert_outbox (organization_id, number, budget_id, breach_id, channel, recipient, subject, body_text, body_html,
                                      attachment_name, attachment_type, attachment_body, next_attempt_at, created_at)
            VALUES (\(organizationId), \(number), \(budgetId), \(breachId), 'email', \(recipient), \(subject.prefix(scalars: 255)), \(text),
                    \(html), \(attachment?.fileName), \(attachment?.contentType), \(attachment?.content),
                    \(UTCTimestamp.sql(now)), \(UTCTimestamp.sql(now)))
            """)
    }

    /// - Parameter event: the event type, kept as the row's subject (and sent as a header).
    static func enqueueWebhook(organizationId: UUID, budgetId: UUID?, breachId: Int64?, eventId: UUID, event: String, webhookId: UUID,
                               url: String, payload: String, at now: Date, in tx: Transaction) throws {
        let number = try OrganizationCounter.messageNumber.next(organizationId: organizationId, tx)
        try tx.execute("""
            INSERT INTO alert_outbox (organization_id, number, budget_id, breach_id, event_id, channel, recipient, webhook_id, subject,
                                      payload, next_attempt_at, created_at)
            VALUES (\(organizationId), \(number), \(budgetId), \(breachId), \(eventId), 'webhook', \(url), \(webhookId), \(event), \(payload),
                    \(UTCTimestamp.sql(now)), \(UTCTimestamp.sql(now)))
            """)
    }

    /// Messages due now, oldest first: pending ones whose time has come, and `sending` ones whose
    /// lease ran out (their deliverer died mid-send; they may have gone out, which is why e-mails
    /// carry a stable Message-ID and webhooks a delivery id the receiver can deduplicate on).
    static func due(at now: Date, limit: Int, in db: any SQLReading) throws -> [OutboxMessage] {
        try db.query("""
            SELECT \(columns) FROM alert_outbox
            WHERE status IN ('pending', 'sending') AND next_attempt_at <= \(UTCTimestamp.sql(now)) ORDER BY id LIMIT \(limit)
            """).map(message)
    }

    /// Takes the message for one more attempt, leased until `leaseEnd`: no other deliverer picks it
    /// up before then, even if this one loses its database lock.
    /// - Returns: false if it is no longer due (someone else took it, or it was delivered).
    static func claim(_ id: Int64, at now: Date, leaseEnd: Date, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            UPDATE alert_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = \(UTCTimestamp.sql(leaseEnd))
            WHERE id = \(id) AND status IN ('pending', 'sending') AND next_attempt_at <= \(UTCTimestamp.sql(now))
            """) == 1
    }

    /// Records the outcome of attempt number `attempt`. Each returns false when that attempt is no
    /// longer the message's current one (its lease ran out and another deliverer took it over), so
    /// an outcome recorded late, or twice, changes nothing.
    static func markDelivered(_ id: Int64, attempt: Int, at now: Date, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            UPDATE alert_outbox SET status = 'delivered', delivered_at = \(UTCTimestamp.sql(now)), last_error = NULL
            WHERE id = \(id) AND status = 'sending' AND attempts = \(attempt)
            """) == 1
    }

    static func markRetry(_ id: Int64, attempt: Int, error: String, next: Date, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            UPDATE alert_outbox SET status = 'pending', last_error = \(error.prefix(scalars: 1024)), next_attempt_at = \(UTCTimestamp.sql(next))
            WHERE id = \(id) AND status = 'sending' AND attempts = \(attempt)
            """) == 1
    }

    static func markFailed(_ id: Int64, attempt: Int, error: String, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            UPDATE alert_outbox SET status = 'failed', last_error = \(error.prefix(scalars: 1024))
            WHERE id = \(id) AND status = 'sending' AND attempts = \(attempt)
            """) == 1
    }

    /// Cancels the e-mails of a budget that are still waiting, in the transaction that deletes it:
    /// nobody is alerted about a budget that is gone. One being sent right now goes out. Webhook
    /// deliveries stay: they carry events that did happen, the deletion's own among them.
    static func cancelEmails(ofBudget budgetId: UUID, in tx: Transaction) throws {
        try tx.execute("""
            UPDATE alert_outbox SET status = 'cancelled', last_error = 'not sent: the budget was deleted'
            WHERE budget_id = \(budgetId) AND channel = 'email' AND status = 'pending'
            """)
    }

    /// The messages of a budget's breaches, newest first, for the alert history (without their bodies).
    static func forBudget(_ budgetId: UUID, organizationId: UUID, limit: Int = 500, in db: any SQLReading) throws -> [OutboxMessage] {
        try db.query("""
            SELECT \(summaryColumns) FROM alert_outbox WHERE budget_id = \(budgetId) AND organization_id = \(organizationId)
            ORDER BY id DESC LIMIT \(limit)
            """).map(message)
    }

    /// A webhook's deliveries, newest first, without their payloads.
    static func forWebhook(_ webhookId: UUID, organizationId: UUID, limit: Int, in db: any SQLReading) throws -> [OutboxMessage] {
        try db.query("""
            SELECT \(summaryColumns) FROM alert_outbox
            WHERE webhook_id = \(webhookId) AND organization_id = \(organizationId) AND channel = 'webhook'
            ORDER BY id DESC LIMIT \(limit)
            """).map(message)
    }

    static let columns = SQLQuery(sql: """
        id, number, organization_id, budget_id, breach_id, event_id, channel, recipient, webhook_id, subject, body_text,
        body_html, attachment_name, attachment_type, attachment_body, payload,
        status, attempts, last_error, created_at, delivered_at
        """)

    static let summaryColumns = SQLQuery(sql: """
        id, number, organization_id, budget_id, breach_id, event_id, channel, recipient, webhook_id, subject, NULL AS body_text,
        NULL AS body_html, NULL AS attachment_name, NULL AS attachment_type, NULL AS attachment_body, NULL AS payload,
        status, attempts, last_error, created_at, delivered_at
        """)

    static func message(_ row: Row) throws -> OutboxMessage {
        OutboxMessage(
            id: try row.required("id") { Int64($0) }, number: try row.required("number") { Int64($0) },
            organizationId: try row.uuid("organization_id"), budgetId: row.optionalUUID("budget_id"),
            breachId: row.int64("breach_id"), eventId: row.optionalUUID("event_id"),
            channel: try row.enumeration("channel", as: OutboxMessage.Channel.self), recipient: try row.text("recipient"),
            webhookId: row.optionalUUID("webhook_id"), subject: row["subject"], bodyText: row["body_text"], bodyHTML: row["body_html"],
            attachment: row["attachment_name"].map { MailAttachment(fileName: $0, contentType: row["attachment_type"] ?? "application/octet-stream",
                                                                     content: row["attachment_body"] ?? "") },
            payload: row["payload"], status: try row.enumeration("status", as: OutboxMessage.Status.self), attempts: row.int("attempts") ?? 0,
            lastError: row["last_error"], createdAt: try row.timestamp("created_at"), deliveredAt: row["delivered_at"].flatMap(UTCTimestamp.parse))
    }
}
