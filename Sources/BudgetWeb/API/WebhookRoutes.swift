import Alerting
import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB
import Sodium

/// `/api/webhooks`: URLs an organization's admins register to receive its events, each POSTed as
/// JSON and signed with the webhook's own secret (shown once, when it is created).
enum WebhookRoutes {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/api/webhooks") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "manage webhooks")
            let list = try MariaDBWebhookRepository(connection: connection).list(organizationId: try principal.requireOrganization())
            return .json(["webhooks": .array(list.map { json($0, secret: nil) })])
        }

        router.post("/api/webhooks") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "manage webhooks")
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["url", "events"])
            let url = WebhookURL.validate(fields.string("url"), field: "url", allowPrivate: services.configuration.alerts.allowPrivateWebhooks,
                                          errors: &fields.errors)
            var events = DomainEvent.Kind.allCases
            if let names = fields.stringArray("events") {
                events = []
                for (i, name) in names.enumerated() where !fields.hasError(at: "events[\(i)]") {
                    guard let kind = DomainEvent.Kind(rawValue: name) else {
                        fields.errors.append(FieldError("events[\(i)]", "must be one of \(DomainEvent.Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
                        continue
                    }
                    if !events.contains(kind) { events.append(kind) }
                }
                if names.isEmpty { fields.errors.append(FieldError("events", "must name at least one event type, or be left out for all")) }
            }
            try fields.check()
            guard let url else { throw DomainError.invalid(fields.errors) }
            let secret = "whsec_" + Sodium.hex(Sodium.randomBytes(32))
            let webhook = try MariaDBWebhookRepository(connection: connection).create(
                organizationId: try principal.requireOrganization(), url: url, secret: secret, events: events,
                createdBy: principal.userId, at: services.now)
            var response = Response.json(json(webhook, secret: secret), status: .created)
            response.addHeader("Location", "/api/webhooks/\(webhook.id.lowercasedString)")
            return response
        }

        router.delete("/api/webhooks/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "manage webhooks")
            guard let id = UUID(canonical: request.parameters["id"] ?? ""),
                try MariaDBWebhookRepository(connection: connection).delete(id, organizationId: try principal.requireOrganization())
            else { throw DomainError.notFound("Webhook") }
            return .noContent
        }
    }

    /// The secret appears only in the answer that creates the webhook.
    static func json(_ webhook: Webhook, secret: String?) -> JSONValue {
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
