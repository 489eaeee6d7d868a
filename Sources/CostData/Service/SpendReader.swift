public import Foundation
public import Kernel
public import MariaDB

/// What other features read of the cost data: spend per connection, service and month, per day,
/// and a billing period's line items.
public enum SpendReader {
    /// The months from `start` up to (not including) `end`, of every connection (`nil`) or of some.
    public static func monthlySpend(from start: LocalDate, to end: LocalDate, connectionIds: [UUID]?,
                                    in db: any SQLReading) throws -> MonthlySpend {
        try SpendStore.monthly(from: start, to: end, connectionIds: connectionIds, in: db)
    }

    /// Billed spend per day of a period, of one connection's services (all when `serviceIds` is empty).
    public static func dailySpend(connectionId: UUID, serviceIds: [UUID], in period: BudgetPeriod,
                                  db: any SQLReading) throws -> [LocalDate: Decimal] {
        try SpendStore.daily(connectionId: connectionId, serviceIds: serviceIds, in: period, db: db)
    }

    public static func lineItems(connectionId: UUID, billingPeriodStart: LocalDate, in db: any SQLReading) throws -> [CostLineItem] {
        try SpendStore.lineItems(connectionId: connectionId, billingPeriodStart: billingPeriodStart, in: db)
    }
}
