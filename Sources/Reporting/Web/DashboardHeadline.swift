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
        var values = dashboard.sharedFields
        values["currencies"] = .list(dashboard.currencies.map { s in
            var figures = DailyDashboard.figures(s)
            figures["topDriver"] = .string(s.topDrivers.first.map { "\($0.serviceName) (\(ReportFormat.money($0.monthToDate, s.currency)))" } ?? "—")
            return .object(figures)
        })
        values["alerts"] = .string(String(dashboard.alerts.count))
        values["stale"] = .list(dashboard.staleConnections.map { ["name": .string($0.name)] })
        return .object(values)
    }
}
