import Foundation
import Kernel
import MariaDB
import Persistence

enum SubscriptionStore {
    static func list(organizationId: UUID, in db: any SQLReading) throws -> [ReportSubscription] {
        try db.query("""
            SELECT id, organization_id, report, email, format, created_at FROM report_subscriptions
            WHERE organization_id = \(organizationId) ORDER BY report, email
            """).map(subscription)
    }

    /// Every subscription of every organization to `report`: what the distribution looks at.
    static func all(report: ReportSubscription.Report, in db: any SQLReading) throws -> [ReportSubscription] {
        try db.query("""
            SELECT id, organization_id, report, email, format, created_at FROM report_subscriptions
            WHERE report = \(report.rawValue) ORDER BY organization_id, id
            """).map(subscription)
    }

    static func create(organizationId: UUID, report: ReportSubscription.Report, email: String, format: ReportSubscription.Format,
                       by actor: Principal, at now: Date, in tx: Transaction) throws -> ReportSubscription {
        let id = UUID()
        try tx.execute("""
            INSERT INTO report_subscriptions (id, organization_id, report, email, format, created_by, created_at)
            VALUES (\(id), \(organizationId), \(report.rawValue), \(email), \(format.rawValue), \(actor.userId), \(UTCTimestamp.sql(now)))
            """, conflict: DomainError(.conflict, "\(email) already receives the \(report.rawValue) report.",
                                       fieldErrors: [FieldError("email", "already receives the \(report.rawValue) report")]))
        return ReportSubscription(id: id, organizationId: organizationId, report: report, email: email, format: format,
                                  createdAt: UTCTimestamp.parse(UTCTimestamp.sql(now)) ?? now)
    }

    /// - Returns: whether there was one to delete.
    static func delete(_ id: UUID, organizationId: UUID, in tx: Transaction) throws -> Bool {
        try tx.execute("DELETE FROM report_subscriptions WHERE id = \(id) AND organization_id = \(organizationId)") > 0
    }

    private static func subscription(_ row: Row) throws -> ReportSubscription {
        ReportSubscription(id: try row.uuid("id"), organizationId: try row.uuid("organization_id"),
                           report: try row.enumeration("report", as: ReportSubscription.Report.self), email: try row.text("email"),
                           format: try row.enumeration("format", as: ReportSubscription.Format.self), createdAt: try row.timestamp("created_at"))
    }
}

/// One row per subscription and period: inserted in the transaction that queues the e-mail, so a
/// period is sent once however many workers look.
enum DeliveryStore {
    /// - Returns: `false` when the period was queued before (by this worker or another).
    static func claim(subscription: ReportSubscription, period: String, at now: Date, in tx: Transaction) throws -> Bool {
        try tx.execute("""
            INSERT IGNORE INTO report_deliveries (subscription_id, period, organization_id, queued_at)
            VALUES (\(subscription.id), \(period), \(subscription.organizationId), \(UTCTimestamp.sql(now)))
            """) == 1
    }

    /// The issued version a monthly delivery sends.
    static func record(version: Int, subscriptionId: UUID, period: String, in tx: Transaction) throws {
        try tx.execute("UPDATE report_deliveries SET version = \(version) WHERE subscription_id = \(subscriptionId) AND period = \(period)")
    }

    static func delivered(subscriptionId: UUID, period: String, in db: any SQLReading) throws -> Bool {
        try !db.query("SELECT 1 AS one FROM report_deliveries WHERE subscription_id = \(subscriptionId) AND period = \(period)").isEmpty
    }
}
