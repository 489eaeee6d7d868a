public import Foundation
public import JSON

/// Something that happened to a budget, for downstream systems and the event feed.
public struct DomainEvent: Sendable {
    /// An event's type, such as `BudgetCreatedEvent`: each feature names its own (an extension of
    /// this type), and the composition tells Notifications which exist, for webhook subscriptions.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var id: UUID
    public var organizationId: UUID
    /// Position in the organization's feed: gap-free, in commit order.
    public var sequence: Int64
    public var kind: Kind
    public var budgetId: UUID?
    public var occurredAt: Date
    public var payload: JSONValue

    public init(id: UUID, organizationId: UUID, sequence: Int64, kind: Kind, budgetId: UUID?, occurredAt: Date, payload: JSONValue) {
        self.id = id
        self.organizationId = organizationId
        self.sequence = sequence
        self.kind = kind
        self.budgetId = budgetId
        self.occurredAt = occurredAt
        self.payload = payload
    }
}
