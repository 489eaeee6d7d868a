import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `/api/webhooks`: URLs an organization's admins register to receive its events, each POSTed as
/// JSON and signed with the webhook's own secret (shown once, when it is created).
struct WebhookRoutes {
    let module: NotificationsModule

    func add(to routes: Routes) {
        let api = routes.api.requiring(.admin, to: "manage webhooks")

        api.get("/api/webhooks") { _, api in
            .json(["webhooks": .array(try module.webhooks(api.db).list(for: api.principal).map { json($0, secret: nil) })])
        }

        api.post("/api/webhooks") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["url", "events"])
            let url = fields.string("url")
            let events = fields.stringArray("events")
            let (webhook, secret) = try module.webhooks(api.db).create(url: url, events: events, typeErrors: fields.errors.list,
                                                                        by: api.principal, at: api.now)
            var response = Response.json(json(webhook, secret: secret), status: .created)
            response.addHeader("Location", "/api/webhooks/\(webhook.id.lowercasedString)")
            return response
        }

        api.delete("/api/webhooks/:id") { request, api in
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Webhook"))
            try module.webhooks(api.db).delete(id, by: api.principal)
            return .noContent
        }
    }

    /// The secret appears only in the answer that creates the webhook.
    func json(_ webhook: Webhook, secret: String?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(webhook.id.lowercasedString),
            "url": .string(webhook.url),
            "events": .array(webhook.events.map { .string($0.rawValue) }),
            "createdAt": .string(UTCTimestamp.iso8601(webhook.createdAt)),
        ]
        if let secret { object["secret"] = .string(secret) }
        return .object(object)
    }
}
