public import Foundation
public import MariaDB

/// What other features read of the budgets: reports compare them with costs, the dashboard lists
/// the month's alerts. Always scoped to one organization.
public enum BudgetDirectory {
    /// The organization's budgets live on or after `date`, deleted ones since included (`deletedAt`).
    public static func budgets(organizationId: UUID, liveOnOrAfter date: Date, in db: any SQLReading) throws -> [Budget] {
        try BudgetStore.list(organizationId: organizationId, liveOnOrAfter: date, in: db)
    }

    /// The organization's live budgets.
    public static func budgets(organizationId: UUID, in db: any SQLReading) throws -> [Budget] {
        try BudgetStore.list(organizationId: organizationId, in: db)
    }

    /// The thresholds the organization's budgets reached from `start` up to `end`, oldest first.
    public static func breaches(organizationId: UUID, recordedFrom start: Date, to end: Date, in db: any SQLReading) throws -> [Breach] {
        try BreachStore.list(organizationId: organizationId, recordedFrom: start, to: end, in: db)
    }
}
