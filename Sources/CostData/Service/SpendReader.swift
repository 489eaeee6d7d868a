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

    /// The months from `start` up to (not including) `end` of the costs each selection picks (see
    /// `TagSelection`), on that selection's connections: one query for all of them, from the rollups
    /// by tag set. Line items without tags are in no selection.
    public static func monthlySpend(from start: LocalDate, to end: LocalDate, selections: [TagSelection: Set<UUID>],
                                    in db: any SQLReading) throws -> [TagSelection: MonthlySpend] {
        try TaggedSpendStore.monthly(from: start, to: end, selections: selections, in: db)
    }

    /// Billed spend per day of a period, of one connection's services (all when `serviceIds` is
    /// empty) and, when `tags` selects any, only of the costs it picks.
    public static func dailySpend(connectionId: UUID, serviceIds: [UUID], tags: TagSelection = TagSelection([]), in period: BudgetPeriod,
                                  db: any SQLReading) throws -> [LocalDate: Decimal] {
        if !tags.isEmpty {
            return try TaggedSpendStore.daily(connectionId: connectionId, serviceIds: serviceIds, selection: tags, in: period, db: db)
        }
        return try SpendStore.daily(connectionId: connectionId, serviceIds: serviceIds, in: period, db: db)
    }

    public static func lineItems(connectionId: UUID, billingPeriodStart: LocalDate, in db: any SQLReading) throws -> [CostLineItem] {
        try SpendStore.lineItems(connectionId: connectionId, billingPeriodStart: billingPeriodStart, in: db)
    }

    // MARK: - Totals for reports, from the daily rollups

    /// Per connection and service, the window's totals (days `from` up to, not including, `to`).
    public static func serviceTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate,
                                     in db: any SQLReading) throws -> [ServiceCost] {
        try RollupStore.serviceTotals(connectionIds: connectionIds, from: from, to: to, in: db)
    }

    /// Per month, connection and service, the window's totals.
    public static func monthlyServiceTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate,
                                            in db: any SQLReading) throws -> [MonthlyServiceCost] {
        try RollupStore.monthlyServiceTotals(connectionIds: connectionIds, from: from, to: to, in: db)
    }

    /// Per day and connection, the window's totals.
    public static func dailyTotals(connectionIds: [UUID], from: LocalDate, to: LocalDate,
                                   in db: any SQLReading) throws -> [DailyConnectionCost] {
        try RollupStore.dailyTotals(connectionIds: connectionIds, from: from, to: to, in: db)
    }

    /// The end of each connection's latest charge that starts before `to` (all when `nil`): how
    /// current its figures are. Connections without any charge are missing from the answer.
    public static func newestCharges(connectionIds: [UUID], from: LocalDate? = nil, before to: LocalDate? = nil,
                                     in db: any SQLReading) throws -> [UUID: Date] {
        try RollupStore.newestCharges(connectionIds: connectionIds, from: from, before: to, in: db)
    }

    /// The first day any of the connections has cost on; `nil` without any.
    public static func firstCostDay(connectionIds: [UUID], in db: any SQLReading) throws -> LocalDate? {
        try RollupStore.firstDay(connectionIds: connectionIds, in: db)
    }
}
