public import Foundation
public import Kernel
public import MariaDB
import Persistence

/// The rollups of a connection's cost line items (`cost_daily_rollups`, and by tag set and resource
/// `TagRollups`): rebuilt from the line items of whole billing periods, in the transaction that changed them.
public enum DailyRollups {
    /// Replaces the rollups of `billingPeriods` of a connection with sums of its line items now in
    /// those periods: the import calls it before it commits; tools that write line items directly
    /// (tests, benchmarks, an operator's repair) call it afterwards.
    /// - Parameters:
    ///   - assigningTagSets: first give line items with tags but no tag set theirs; the import, which
    ///     writes every row with its set, skips that read.
    ///   - byTagAndResource: also rebuild the rollups by tag set and by resource; the import sums those
    ///     as its rows stream through (`ImportRollups`).
    public static func rebuild(connectionId: UUID, billingPeriods: some Collection<LocalDate>, assigningTagSets: Bool = true,
                               byTagAndResource: Bool = true, in tx: Transaction) throws {
        let periods = Array(billingPeriods)
        guard !periods.isEmpty else { return }
        if assigningTagSets { try TagRollups.assignMissingTagSets(connectionId: connectionId, billingPeriods: periods, in: tx) }
        try tx.execute("""
            DELETE FROM cost_daily_rollups WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))
            """)
        try tx.execute("""
            INSERT INTO cost_daily_rollups (csp_connection_id, billing_period_start, service_id, day, billing_currency, billed_cost,
                                            effective_cost, line_count, newest_charge_end)
            SELECT csp_connection_id, billing_period_start, service_id, DATE(charge_period_start), billing_currency, SUM(billed_cost),
                   SUM(effective_cost), COUNT(*), MAX(charge_period_end)
            FROM cost_line_items
            WHERE csp_connection_id = \(connectionId) AND billing_period_start IN (\(list: periods))
            GROUP BY billing_period_start, service_id, DATE(charge_period_start), billing_currency
            """)
        if byTagAndResource { try TagRollups.rebuild(connectionId: connectionId, billingPeriods: periods, in: tx) }
    }

    /// Every billing period of the connection, rebuilt (`budgetd rebuild-rollups`).
    public static func rebuildAll(connectionId: UUID, in tx: Transaction) throws {
        let periods = try tx.query("""
            SELECT DISTINCT billing_period_start FROM cost_line_items WHERE csp_connection_id = \(connectionId)
            UNION SELECT DISTINCT billing_period_start FROM cost_daily_rollups WHERE csp_connection_id = \(connectionId)
            """).map { try $0.localDate("billing_period_start") }
        try rebuild(connectionId: connectionId, billingPeriods: periods, in: tx)
    }

    /// The connections that have line items or rollups.
    public static func connectionsWithCosts(in db: any SQLReading) throws -> [UUID] {
        try db.query("""
            SELECT DISTINCT csp_connection_id FROM cost_line_items
            UNION SELECT DISTINCT csp_connection_id FROM cost_daily_rollups
            """).map { try $0.uuid("csp_connection_id") }
    }
}
