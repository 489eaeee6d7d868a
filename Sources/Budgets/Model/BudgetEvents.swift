public import Notifications

/// The budget module spec's events.
extension DomainEvent.Kind {
    public static let budgetCreated = DomainEvent.Kind(rawValue: "BudgetCreatedEvent")
    public static let budgetUpdated = DomainEvent.Kind(rawValue: "BudgetUpdatedEvent")
    public static let budgetDeleted = DomainEvent.Kind(rawValue: "BudgetDeletedEvent")
    /// Beyond the spec: a deleted budget brought back (undo).
    public static let budgetRestored = DomainEvent.Kind(rawValue: "BudgetRestoredEvent")
    public static let thresholdExceeded = DomainEvent.Kind(rawValue: "BudgetThresholdExceededEvent")
    public static let alertTriggered = DomainEvent.Kind(rawValue: "BudgetAlertTriggeredEvent")

    /// Budgets' events, in the order webhooks list them.
    public static let budgetEvents: [DomainEvent.Kind] = [.budgetCreated, .budgetUpdated, .budgetDeleted, .budgetRestored,
                                                                .thresholdExceeded, .alertTriggered]
}
