public import Foundation
public import Kernel
public import MariaDB
import Sodium

/// Webhooks an organization's admins register: the URL's rules, the event types it asks for, and
/// its signing secret, which only the answer that creates it shows; and each webhook's deliveries.
public struct WebhookService {
    public let db: Connection
    /// The event types that exist (every feature's), in the order webhooks list them.
    public let eventKinds: [DomainEvent.Kind]
    public let allowPrivate: Bool

    /// Deliveries listed at most at once. Default 20.
    public static let deliveryLimits = (default: 20, maximum: 100)

    public init(db: Connection, eventKinds: [DomainEvent.Kind], allowPrivate: Bool) {
        self.db = db
        self.eventKinds = eventKinds
        self.allowPrivate = allowPrivate
    }

    public func list(for principal: Principal) throws -> [Webhook] {
        try principal.require(.admin, to: "manage webhooks")
        return try WebhookStore.list(organizationId: try principal.requireOrganization(), in: db)
    }

    /// One webhook of the caller's organization; another tenant's reads as missing.
    public func webhook(_ id: UUID, for principal: Principal) throws -> Webhook {
        try principal.require(.admin, to: "manage webhooks")
        guard let webhook = try WebhookStore.find(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Webhook")
        }
        return webhook
    }

    /// The webhook's most recent deliveries, newest first.
    /// - Parameter limit: 1 to `deliveryLimits.maximum`.
    public func deliveries(of id: UUID, limit: Int = deliveryLimits.default, for principal: Principal) throws -> [WebhookDelivery] {
        let webhook = try webhook(id, for: principal)
        guard (1...Self.deliveryLimits.maximum).contains(limit) else {
            throw DomainError.invalid([FieldError("limit", "must be a whole number from 1 to \(Self.deliveryLimits.maximum)")])
        }
        return try OutboxStore.forWebhook(webhook.id, organizationId: webhook.organizationId, limit: limit, in: db)
            .compactMap(WebhookDelivery.init)
    }

    /// - Parameter events: `nil` for every type.
    /// - Returns: the webhook and its secret.
    public func create(url: String?, events names: [String]?, typeErrors: [FieldError] = [], by principal: Principal,
                       at now: Date) throws -> (Webhook, secret: String) {
        try principal.require(.admin, to: "manage webhooks")
        let (url, events) = try validate(url: url, events: names, typeErrors: typeErrors)
        let secret = Self.newSecret()
        let organizationId = try principal.requireOrganization()
        let webhook = try db.transaction { tx in
            try WebhookStore.create(organizationId: organizationId, url: url, secret: secret, events: events, createdBy: principal.userId,
                                    at: now, in: tx)
        }
        return (webhook, secret)
    }

    /// Registers a webhook from a form whose random `key` identifies it: the same form posted again
    /// (a reload of the answer that showed the secret) finds the webhook it created the first time
    /// instead of registering another.
    /// - Parameter key: 16 to 64 characters of `A–Z a–z 0–9 - _`; any other is ignored.
    public func register(url: String, events names: [String]?, key: String?, by principal: Principal, at now: Date) throws
        -> WebhookRegistration {
        try principal.require(.admin, to: "manage webhooks")
        let organizationId = try principal.requireOrganization()
        let key = key.flatMap { Self.isRegistrationKey($0) ? $0 : nil }
        if let key, let existing = try WebhookStore.find(registrationKey: key, organizationId: organizationId, in: db) {
            return .repeated(existing)
        }
        let (url, events) = try validate(url: url, events: names, typeErrors: [])
        let secret = Self.newSecret()
        do {
            let webhook = try db.transaction { tx in
                try WebhookStore.create(organizationId: organizationId, url: url, secret: secret, events: events, registrationKey: key,
                                        createdBy: principal.userId, at: now, in: tx)
            }
            return .created(webhook, secret: secret)
        } catch let error as DomainError where error.code == .conflict {
            // The same form, posted twice at once: the other request registered it.
            guard let key, let existing = try WebhookStore.find(registrationKey: key, organizationId: organizationId, in: db) else {
                throw error
            }
            return .repeated(existing)
        }
    }

    public func delete(_ id: UUID, by principal: Principal) throws {
        try principal.require(.admin, to: "manage webhooks")
        let organizationId = try principal.requireOrganization()
        guard try db.transaction({ tx in try WebhookStore.delete(id, organizationId: organizationId, in: tx) }) else {
            throw DomainError.notFound("Webhook")
        }
    }

    /// The URL's rules and the event types, every problem at once.
    private func validate(url: String?, events names: [String]?, typeErrors: [FieldError]) throws -> (String, [DomainEvent.Kind]) {
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
        return (url, events)
    }

    private static func newSecret() -> String { "whsec_" + Sodium.hex(Sodium.randomBytes(32)) }

    static func isRegistrationKey(_ key: String) -> Bool {
        (16...64).contains(key.utf8.count) && key.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
        }
    }
}
