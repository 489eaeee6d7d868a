public import Foundation
public import JSON
public import MariaDB

/// The organization's domain events, for every feature that has something to announce: an event
/// is appended in the transaction of the change it records, with a webhook delivery for each of
/// the organization's webhooks that asked for its kind.
public enum EventLog {
    /// - Parameter breachId: the threshold breach the event announces, linking its deliveries to it.
    @discardableResult
    public static func append(_ kind: DomainEvent.Kind, organizationId: UUID, budgetId: UUID?, breachId: Int64? = nil, at now: Date,
                              payload: JSONObject, in tx: Transaction) throws -> DomainEvent {
        try EventStore.append(kind, organizationId: organizationId, budgetId: budgetId, breachId: breachId, at: now, payload: payload, in: tx)
    }

    /// The organization's events after `sequence`, oldest first.
    public static func events(organizationId: UUID, after sequence: Int64, limit: Int, in db: any SQLReading) throws -> [DomainEvent] {
        try EventStore.list(organizationId: organizationId, after: sequence, limit: limit, in: db)
    }
}
