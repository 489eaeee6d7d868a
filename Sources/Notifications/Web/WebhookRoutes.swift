import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `/api/webhooks`: URLs an organization's admins register to receive its events, each POSTed as
/// JSON and signed with the webhook's own secret (shown once, when it is created), and each
/// webhook's recent deliveries.
struct WebhookRoutes {
    let module: NotificationsModule

    func add(to routes: Routes) {
        let api = routes.api.requiring(.admin, to: "manage webhooks")

        api.get("/api/webhooks") { _, api in
            .json(["webhooks": .array(try module.webhooks(api.db).list(for: api.principal).map { WebhookJSON.webhook($0, secret: nil) })])
        }

        api.post("/api/webhooks") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["url", "events"])
            let url = fields.string("url")
            let events = fields.stringArray("events")
            let (webhook, secret) = try module.webhooks(api.db).create(url: url, events: events, typeErrors: fields.errors.list,
                                                                        by: api.principal, at: api.now)
            return .created(WebhookJSON.webhook(webhook, secret: secret), location: "/api/webhooks/\(webhook.id.lowercasedString)")
        }

        api.get("/api/webhooks/:id") { request, api in
            .json(WebhookJSON.webhook(try module.webhooks(api.db).webhook(try request.webhookId(), for: api.principal), secret: nil))
        }

        api.get("/api/webhooks/:id/deliveries") { request, api in
            let id = try request.webhookId()
            let limit = try WebhookRoutes.deliveryLimit(request)
            let deliveries = try module.webhooks(api.db).deliveries(of: id, limit: limit, for: api.principal)
            return .json(["deliveries": .array(deliveries.map(WebhookJSON.delivery))])
        }

        api.delete("/api/webhooks/:id") { request, api in
            try module.webhooks(api.db).delete(try request.webhookId(), by: api.principal)
            return .noContent
        }
    }

    /// `limit`: 1…100 in plain digits, default 20; anything else (blank, a sign, a fraction, a leading
    /// zero) is a 400.
    static func deliveryLimit(_ request: Request) throws -> Int {
        let limits = WebhookService.deliveryLimits
        guard let text = request.query["limit"] else { return limits.default }
        guard text.utf8.count <= 3, text.utf8.first != UInt8(ascii: "0"), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(text), (1...limits.maximum).contains(value)
        else {
            throw DomainError.invalid([FieldError("limit", "must be a whole number from 1 to \(limits.maximum)")])
        }
        return value
    }
}

extension Request {
    /// The `:id` of a webhook route; an id that cannot exist reads like an unknown one (404).
    func webhookId() throws -> UUID {
        try parameter("id", as: UUID.self, invalid: DomainError.notFound("Webhook"))
    }
}

/// Webhooks and their deliveries as the API writes them.
enum WebhookJSON {
    /// The secret appears only in the answer that creates the webhook.
    static func webhook(_ webhook: Webhook, secret: String?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(webhook.id.lowercasedString),
            "url": .string(webhook.url),
            "events": .array(webhook.events.map { .string($0.rawValue) }),
            "createdAt": .string(UTCTimestamp.iso8601(webhook.createdAt)),
        ]
        if let secret { object["secret"] = .string(secret) }
        return .object(object)
    }

    static func delivery(_ delivery: WebhookDelivery) -> JSONValue {
        [
            "id": .number(JSONNumber(Int(delivery.number))),
            "event": .string(delivery.event.rawValue),
            "eventId": .string(delivery.eventId.lowercasedString),
            "status": .string(delivery.status.rawValue),
            "attempts": .number(JSONNumber(delivery.attempts)),
            "lastError": delivery.lastError.map(JSONValue.string) ?? .null,
            "createdAt": .string(UTCTimestamp.iso8601(delivery.createdAt)),
            "deliveredAt": delivery.deliveredAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
        ]
    }
}
