public import Foundation

/// One event sent (or being sent) to a webhook, as its admins follow it: what the outbox knows of
/// the call, never its payload or the signed headers.
public struct WebhookDelivery: Sendable, Equatable {
    /// The organization's message number: the `X-Budgetd-Delivery` header the receiver saw.
    public let number: Int64
    public let event: DomainEvent.Kind
    public let eventId: UUID
    public let status: OutboxMessage.Status
    public let attempts: Int
    /// Why the last attempt failed (the HTTP status, the connection error); `nil` once delivered.
    public let lastError: String?
    public let createdAt: Date
    public let deliveredAt: Date?

    /// `nil` for a message that is no webhook call (every webhook call carries its event's id).
    init?(_ message: OutboxMessage) {
        guard message.channel == .webhook, let eventId = message.eventId else { return nil }
        self.eventId = eventId
        number = message.number
        event = DomainEvent.Kind(rawValue: message.subject ?? "")
        status = message.status
        attempts = message.attempts
        lastError = message.lastError
        createdAt = message.createdAt
        deliveredAt = message.deliveredAt
    }
}

/// What registering a webhook from a form did: a new webhook with its secret, or, for the same form
/// posted again, the webhook it registered the first time (whose secret is not shown again).
public enum WebhookRegistration: Sendable {
    case created(Webhook, secret: String)
    case repeated(Webhook)
}
