public import Foundation
public import MariaDB

/// Messages to send, for every feature that alerts someone: written in the transaction of what
/// they announce (so a message exists exactly when its cause does), delivered later by
/// `OutboxDelivery`, once, with retries.
public enum Outbox {
    public static func enqueueEmail(organizationId: UUID, budgetId: UUID?, breachId: Int64?, to recipient: String, subject: String,
                                    text: String, html: String, attachment: MailAttachment? = nil, at now: Date, in tx: Transaction) throws {
        try OutboxStore.enqueueEmail(organizationId: organizationId, budgetId: budgetId, breachId: breachId, to: recipient, subject: subject,
                                     text: text, html: html, attachment: attachment, at: now, in: tx)
    }

    /// Cancels the e-mails about a budget that are still waiting, in the transaction that deletes it:
    /// nobody is alerted about a budget that is gone. One being sent right now goes out. Webhook
    /// deliveries stay: they carry events that did happen, the deletion's own among them.
    public static func cancelEmails(ofBudget budgetId: UUID, in tx: Transaction) throws {
        try OutboxStore.cancelEmails(ofBudget: budgetId, in: tx)
    }

    /// The messages about a budget, newest first, without their bodies: its alert history.
    public static func messages(aboutBudget budgetId: UUID, organizationId: UUID, in db: any SQLReading) throws -> [OutboxMessage] {
        try OutboxStore.forBudget(budgetId, organizationId: organizationId, in: db)
    }
}

/// A text file sent with an e-mail, base64-encoded in the message (a report's CSV).
public struct MailAttachment: Sendable, Equatable {
    public let fileName: String
    public let contentType: String
    public let content: String

    public init(fileName: String, contentType: String, content: String) {
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }
}

/// Told of each delivered message, in the transaction that records the delivery, so that what a
/// delivery means (an alert e-mail's `BudgetAlertTriggeredEvent`) is written exactly once.
public protocol DeliveryObserver: Sendable {
    func delivered(_ message: OutboxMessage, attempts: Int, at: Date, in tx: Transaction) throws
}
