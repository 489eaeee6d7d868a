public import Foundation
public import JSON

/// Something that happened to a budget, for downstream systems and the event feed.
public struct DomainEvent: Sendable {
    /// The names are those of the budget module spec.
    public enum Kind: String, Sendable, CaseIterable {
        case budgetCreated = "BudgetCreatedEvent"
        case budgetUpdated = "BudgetUpdatedEvent"
        case budgetDeleted = "BudgetDeletedEvent"
        case thresholdExceeded = "BudgetThresholdExceededEvent"
        case alertTriggered = "BudgetAlertTriggeredEvent"
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
