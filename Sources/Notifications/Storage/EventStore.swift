import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// The domain-event table, written in the same transaction as the change each event records,
/// together with a webhook delivery for every subscriber.
///
/// Each organization's events are numbered 1, 2, 3… under a row lock on the organization's event
/// counter (`OrganizationCounter.eventSequence`), held until commit, so the numbers follow commit
/// order: a reader resuming "after 41" can never miss an event 40 that committed late, which
/// auto-increment ids alone would allow.
enum EventStore {
    /// Appends an event; call inside the transaction of the change it records.
    /// - Parameter breachId: the threshold breach the event announces, linking webhook deliveries to it.
    @discardableResult
    static func append(_ kind: DomainEvent.Kind, organizationId: UUID, budgetId: UUID?, breachId: Int64? = nil, at now: Date,
                       payload: JSONObject, in tx: Transaction) throws -> DomainEvent {
        let sequence = try OrganizationCounter.eventSequence.next(organizationId: organizationId, tx)
        let id = UUID()
        var body = payload
        body["eventId"] = .string(id.lowercasedString)
        body["eventType"] = .string(kind.rawValue)
        body["sequence"] = .number(JSONNumber(Int(sequence)))
        body["organizationId"] = .string(organizationId.lowercasedString)
        body["occurredAt"] = .string(UTCTimestamp.iso8601(now))
        let serialized = JSONValue.object(body).serialized
        try tx.execute("""
            INSERT INTO domain_events (event_id, organization_id, seq, event_type, budget_id, occurred_at, payload)
            VALUES (\(id), \(organizationId), \(sequence), \(kind.rawValue), \(budgetId), \(UTCTimestamp.sql(now)), \(serialized))
            """)
        // The organization's webhooks that asked for this kind of event get it, from the same outbox.
        for webhook in try WebhookStore.list(organizationId: organizationId, in: tx) where webhook.events.contains(kind) {
            try OutboxStore.enqueueWebhook(
                organizationId: organizationId, budgetId: budgetId, breachId: breachId, eventId: id, event: kind.rawValue,
                webhookId: webhook.id, url: webhook.url, payload: serialized, at: now, in: tx)
        }
        return DomainEvent(id: id, organizationId: organizationId, sequence: sequence, kind: kind, budgetId: budgetId, occurredAt: now,
                           payload: .object(body))
    }

    /// The organization's events after `sequence`, oldest first.
    static func list(organizationId: UUID, after sequence: Int64, limit: Int, in db: any SQLReading) throws -> [DomainEvent] {
        try db.query("""
            SELECT event_id, seq, event_type, budget_id, occurred_at, payload FROM domain_events
            WHERE organization_id = \(organizationId) AND seq > \(sequence) ORDER BY seq LIMIT \(limit)
            """).map { row in
            DomainEvent(
                id: try row.uuid("event_id"), organizationId: organizationId, sequence: try row.required("seq") { Int64($0) },
                kind: DomainEvent.Kind(rawValue: try row.text("event_type")), budgetId: row.optionalUUID("budget_id"),
                occurredAt: try row.timestamp("occurred_at"), payload: try row.required("payload") { try? JSONParser.parse($0) })
        }
    }
}
