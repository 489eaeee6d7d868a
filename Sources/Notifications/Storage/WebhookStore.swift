public import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// A URL that receives an organization's events, signed with its secret.
public struct Webhook: Sendable {
    public let id: UUID
    public let organizationId: UUID
    public let url: String
    public let secret: String
    public let events: [DomainEvent.Kind]
    public let createdAt: Date
}

/// Webhooks, per organization.
enum WebhookStore {
    /// - Parameter registrationKey: the key of the form that registers it, unique in the organization;
    ///   a second webhook with the same key is a conflict.
    static func create(organizationId: UUID, url: String, secret: String, events: [DomainEvent.Kind], registrationKey: String? = nil,
                       createdBy: UUID?, at now: Date, in tx: Transaction) throws -> Webhook {
        let id = UUID()
        try tx.execute("""
            INSERT INTO webhooks (id, organization_id, url, secret, events, registration_key, created_at, created_by)
            VALUES (\(id), \(organizationId), \(url), \(secret), \(JSONValue.array(events.map { .string($0.rawValue) }).serialized),
                    \(registrationKey), \(UTCTimestamp.sql(now)), \(createdBy))
            """, conflict: DomainError(.conflict, "This form registered a webhook already."))
        return Webhook(id: id, organizationId: organizationId, url: url, secret: secret, events: events, createdAt: now)
    }

    static func list(organizationId: UUID, in db: any SQLReading) throws -> [Webhook] {
        try db.query("""
            SELECT id, organization_id, url, secret, events, created_at FROM webhooks WHERE organization_id = \(organizationId) \
            ORDER BY created_at
            """)
            .map(webhook)
    }

    static func find(_ id: UUID, in db: any SQLReading) throws -> Webhook? {
        guard let row = try db.query("SELECT id, organization_id, url, secret, events, created_at FROM webhooks WHERE id = \(id)").first else {
            return nil
        }
        return try webhook(row)
    }

    /// The organization's webhook `id`; `nil` for another organization's.
    static func find(_ id: UUID, organizationId: UUID, in db: any SQLReading) throws -> Webhook? {
        try db.query("""
            SELECT id, organization_id, url, secret, events, created_at FROM webhooks WHERE id = \(id) AND organization_id = \(organizationId)
            """).first.map(webhook)
    }

    /// The webhook that the registration form with `key` created, if any.
    static func find(registrationKey key: String, organizationId: UUID, in db: any SQLReading) throws -> Webhook? {
        try db.query("""
            SELECT id, organization_id, url, secret, events, created_at FROM webhooks
            WHERE organization_id = \(organizationId) AND registration_key = \(key)
            """).first.map(webhook)
    }

    /// - Returns: false when the organization has no such webhook.
    static func delete(_ id: UUID, organizationId: UUID, in tx: Transaction) throws -> Bool {
        try tx.execute("DELETE FROM webhooks WHERE id = \(id) AND organization_id = \(organizationId)") == 1
    }

    static func webhook(_ row: Row) throws -> Webhook {
        let events = (try? JSONParser.parse(try row.text("events")))?.arrayValue?
            .compactMap { $0.stringValue.map(DomainEvent.Kind.init(rawValue:)) } ?? []
        return Webhook(id: try row.uuid("id"), organizationId: try row.uuid("organization_id"), url: try row.text("url"),
                       secret: try row.text("secret"), events: events, createdAt: try row.timestamp("created_at"))
    }
}
