public import BudgetCore
import BudgetStorage
public import Foundation
public import MariaDB

/// An organization with a connection, services and a user, created directly through the repositories.
public struct Tenant {
    public let organization: Organization
    public let admin: User
    public let connection: CSPConnection
    public let services: [String: CSPService]

    public static func create(_ db: Connection, name: String = "Org \(UUID().uuidString.prefix(8))") throws -> Tenant {
        let (organization, admin) = try MariaDBOrganizationRepository(connection: db).create(
            name: name, adminEmail: "admin-\(UUID().uuidString.prefix(8).lowercased())@example.com", adminPasswordHash: "$argon2id$x", createdBy: nil)
        let connections = MariaDBConnectionRepository(connection: db)
        let connection = try connections.create(organizationId: organization.id, name: "AWS", provider: .aws, currency: "USD", createdBy: admin.id)
        var services: [String: CSPService] = [:]
        for name in ["Amazon EC2", "Amazon S3"] {
            services[name] = try connections.createService(connectionId: connection.id, name: name, category: nil)
        }
        return Tenant(organization: organization, admin: admin, connection: connection, services: services)
    }

    public func draft(name: String = "Budget", amount: Decimal = 1000, rules: [ThresholdRule]? = nil, services: [UUID] = []) -> BudgetDraft {
        BudgetDraft(
            organizationId: organization.id, cspConnectionId: connection.id, name: name, timeRange: .monthly, renewalType: .recurring,
            budgetType: .fixed, startMonth: LocalDate(iso: "2025-06-01")!, amount: amount, selectedServiceIds: services,
            thresholdRules: rules ?? [.percentage(80, of: amount, trigger: .actualSpend)], alertRecipients: ["ops@example.com"])
    }

    /// A cost line item for `service` on `day`.
    public func cost(_ db: Connection, service: String, day: String, billed: String, effective: String? = nil) throws {
        let serviceId = services[service]!.id
        try db.execute("""
            INSERT INTO cost_line_items (csp_connection_id, service_id, billing_period_start, billing_period_end, charge_period_start,
                charge_period_end, service_name, billed_cost, effective_cost, billing_currency)
            VALUES (\(connection.id), \(serviceId), \(day.prefix(7) + "-01"), \(day.prefix(7) + "-28"), \(day + " 00:00:00"),
                \(day + " 23:59:59"), \(service), \(billed), \(effective ?? billed), 'USD')
            """)
    }
}
