public import Foundation
public import Kernel
public import MariaDB
import Sodium

/// Webhooks an organization's admins register: the URL's rules, the event types it asks for, and
/// its signing secret, which only the answer that creates it shows.
public struct WebhookService {
    public let db: Connection
    /// The event types that exist (every feature's), in the order webhooks list them.
    public let eventKinds: [DomainEvent.Kind]
    public let allowPrivate: Bool

    public init(db: Connection, eventKinds: [DomainEvent.Kind], allowPrivate: Bool) {
        self.db = db
        self.eventKinds = eventKinds
        self.allowPrivate = allowPrivate
    }

    public func list(for principal: Principal) throws -> [Webhook] {
        try principal.require(.admin, to: "manage webhooks")
        return try WebhookStore.list(organizationId: try principal.requireOrganization(), in: db)
    }

    /// - Parameter events: `nil` for every type.
    /// - Returns: the webhook and its secret.
    public func create(url: String?, events names: [String]?, typeErrors: [FieldError] = [], by principal: Principal,
                       at now: Date) throws -> (Webhook, secret: String) {
        try principal.require(.admin, to: "manage webhooks")
        var errors = FieldErrors(reported: typeErrors)
        let url = WebhookURL.validate(url, field: "url", allowPrivate: allowPrivate, errors: &errors)
        var events = eventKinds
        if let names {
            events = []
            for (i, name) in names.enumerated() where !errors.contains("events[\(i)]") {
                let kind = DomainEvent.Kind(rawValue: name)
                guard eventKinds.contains(kind) else {
                    errors.add("events[\(i)]", "must be one of \(eventKinds.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if !events.contains(kind) { events.append(kind) }
            }
            if names.isEmpty { errors.add("events", "must name at least one event type, or be left out for all") }
        }
        try errors.check()
        guard let url else { throw DomainError.invalid(errors.list) }
        let secret = "whsec_" + Sodium.hex(Sodium.randomBytes(32))
        let organizationId = try principal.requireOrganization()
        let webhook = try db.transaction { tx in
            try WebhookStore.create(organizationId: organizationId, url: url, secret: secret, events: events, createdBy: principal.userId,
                                    at: now, in: tx)
        }
        return (webhook, secret)
    }

    public func delete(_ id: UUID, by principal: Principal) throws {
        try principal.require(.admin, to: "manage webhooks")
        let organizationId = try principal.requireOrganization()
        guard try db.transaction({ tx in try WebhookStore.delete(id, organizationId: organizationId, in: tx) }) else {
            throw DomainError.notFound("Webhook")
        }
    }
}
