import Foundation
import Kernel
import Sodium
import Templating
import Web

/// `/webhooks`: the organization's webhooks, and the form that registers one.
struct WebhooksView: Page {
    static let template = "notifications/webhooks.index"
    let title = "Webhooks"
    let webhooks: [Webhook]
    let eventKinds: [DomainEvent.Kind]
    /// What was typed into the form that failed, with its errors.
    var typed: (url: String, events: [String], errors: [FieldError])?
    /// A new random key per form shown: the same form posted twice registers one webhook.
    let registrationKey = Base64URL.encode(Sodium.randomBytes(18))

    var templateValue: TemplateValue {
        let errors = typed?.errors ?? []
        let checked = Set(typed?.events ?? [])
        return [
            "webhooks": .list(webhooks.map { w in
                ["id": .string(w.id.lowercasedString), "url": .string(w.url), "events": .string(w.eventsLabel(of: eventKinds)),
                 "since": .string(DateFormat.day(LocalDate(w.createdAt)))]
            }),
            "hasWebhooks": .bool(!webhooks.isEmpty),
            "eventKinds": .list(eventKinds.map { kind in
                ["value": .string(kind.rawValue), "checked": .bool(checked.contains(kind.rawValue))]
            }),
            "url": .string(typed?.url ?? ""),
            "urlError": errors.message(for: "url"),
            "eventsError": errors.first { $0.field.hasPrefix("events") }.map { .string($0.message) } ?? .null,
            "hasErrors": .bool(!errors.isEmpty),
            "registrationKey": .string(registrationKey),
        ]
    }
}

/// The answer to a successful registration: the only page that ever shows the signing secret.
struct WebhookCreatedView: Page {
    static let template = "notifications/webhooks.created"
    let title = "Webhook registered"
    let webhook: Webhook
    let secret: String
    let eventKinds: [DomainEvent.Kind]
    let maximumAttempts: Int

    var templateValue: TemplateValue {
        [
            "id": .string(webhook.id.lowercasedString), "url": .string(webhook.url),
            "events": .string(webhook.eventsLabel(of: eventKinds)),
            "secret": .string(secret), "maximumAttempts": .string(String(maximumAttempts)),
        ]
    }
}

/// `/webhooks/:id`: one webhook and its recent deliveries.
struct WebhookShowView: Page {
    static let template = "notifications/webhooks.show"
    let title = "Webhook deliveries"
    let webhook: Webhook
    let deliveries: [WebhookDelivery]
    let eventKinds: [DomainEvent.Kind]
    let limit: Int

    var templateValue: TemplateValue {
        [
            "id": .string(webhook.id.lowercasedString), "url": .string(webhook.url),
            "events": .string(webhook.eventsLabel(of: eventKinds)),
            "since": .string(DateFormat.timestamp(webhook.createdAt)), "sinceDatetime": .string(UTCTimestamp.iso8601(webhook.createdAt)),
            "limit": .string(String(limit)),
            "deliveries": .list(deliveries.map { d in
                [
                    "number": .string(String(d.number)), "event": .string(d.event.rawValue),
                    "status": .string(d.status.rawValue), "statusLabel": .string(d.status.label(attempts: d.attempts)),
                    "attempts": .string(String(d.attempts)), "lastError": d.lastError.map(TemplateValue.string) ?? .null,
                    "created": .string(DateFormat.timestamp(d.createdAt)), "createdDatetime": .string(UTCTimestamp.iso8601(d.createdAt)),
                    "delivered": d.deliveredAt.map { .string(DateFormat.timestamp($0)) } ?? .null,
                    "deliveredDatetime": .string(d.deliveredAt.map(UTCTimestamp.iso8601) ?? ""),
                ]
            }),
        ]
    }
}

extension Webhook {
    /// "all event types", or the types it asked for, for people.
    func eventsLabel(of kinds: [DomainEvent.Kind]) -> String {
        Set(events) == Set(kinds) ? "all event types" : events.map(\.rawValue).joined(separator: ", ")
    }
}
