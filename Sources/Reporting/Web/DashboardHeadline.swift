public import Foundation
public import Kernel
public import MariaDB
public import Templating
import Web

/// The daily dashboard's headline figures, for the signed-in home page: today so far against the
/// daily budget, the month to date against the monthly budget, and any stale connection.
public struct DashboardHeadline: Sendable {
    let dashboard: DailyDashboard

    /// `nil` for a platform administrator without an organization.
    public static func load(_ module: ReportingModule, db: Connection, now: Date, for principal: Principal) throws -> DashboardHeadline? {
        guard principal.organizationId != nil else { return nil }
        return DashboardHeadline(dashboard: try module.service(db, now: now).daily(nil, for: principal))
    }

    public var templateValue: TemplateValue {
        [
            "asOf": .string(dashboard.asOf.map(DateFormat.timestamp) ?? "no cost data yet"),
            "asOfISO": .string(dashboard.asOf.map(UTCTimestamp.iso8601) ?? ""),
            "hasData": .bool(!dashboard.currencies.isEmpty),
            "currencies": .list(dashboard.currencies.map { s in
                let c = s.currency
                return [
                    "currency": .string(c), "today": .string(ReportFormat.money(s.today, c)),
                    "dailyBudget": .string(ReportFormat.money(s.dailyBudget, c)), "monthToDate": .string(ReportFormat.money(s.monthToDate, c)),
                    "monthlyBudget": .string(ReportFormat.money(s.monthlyBudget, c)),
                    "runRate": .string(s.runRateMonthEnd.map { ReportFormat.money($0, c) } ?? "—"),
                    "topDriver": .string(s.topDrivers.first.map { "\($0.serviceName) (\(ReportFormat.money($0.monthToDate, c)))" } ?? "—"),
                ]
            }),
            "alerts": .string(String(dashboard.alerts.count)),
            "stale": .list(dashboard.staleConnections.map { ["name": .string($0.name)] }),
            "hasStale": .bool(!dashboard.staleConnections.isEmpty),
        ]
    }
}
