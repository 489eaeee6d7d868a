public import Foundation
import Kernel
import Sodium
import CostData
public import MariaDB
@testable public import Tenancy

/// An organization with a connection, services and an admin, written straight through Tenancy's
/// stores (no password hashing: these accounts never sign in).
public struct Tenant {
    public let organization: Organization
    public let admin: User
    public let connection: CSPConnection
    public let services: [String: CSPService]

    /// - Parameters:
    ///   - adminEmail: the admin's address; a made-up one unless given.
    ///   - password: the admin's password, for tests that sign in; without one the account cannot.
    public static func create(_ db: Connection, name: String = "Org \(UUID().uuidString.prefix(8))", adminEmail: String? = nil,
                              password: String? = nil) throws -> Tenant {
        let email = adminEmail ?? "admin-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let hash = try password.map { try PasswordHash.hash($0) } ?? "$argon2id$x"
        return try db.transaction { tx in
            let organization = try OrganizationStore.create(name: name, createdBy: nil, in: tx)
            let admin = try UserStore.create(
                NewUser(organizationId: organization.id, email: email, passwordHash: hash, role: .admin, isPlatformAdmin: false),
                createdBy: nil, in: tx)
            let connection = try ConnectionStore.create(organizationId: organization.id, name: "AWS", provider: .aws, currency: "USD",
                                                        createdBy: admin.id, in: tx)
            var services: [String: CSPService] = [:]
            for name in ["Amazon EC2", "Amazon S3"] {
                services[name] = try ConnectionStore.createService(connectionId: connection.id, name: name, category: nil, in: tx)
            }
            return Tenant(organization: organization, admin: admin, connection: connection, services: services)
        }
    }

    /// A cost line item for `service` on `day`, with the daily rollups of its billing period rebuilt as an import would.
    public func cost(_ db: Connection, service: String, day: String, billed: String, effective: String? = nil, resourceId: String? = nil,
                     tags: String? = nil) throws {
        let serviceId = services[service]!.id
        let period = LocalDate(iso: String(day.prefix(7) + "-01"))!
        _ = try db.transaction { tx in
            try tx.execute("""
            INSERT INTO cost_line_items (csp_connection_id, service_id, billing_period_start, billing_period_end, charge_period_start,
                charge_period_end, service_name, billed_cost, effective_cost, billing_currency, resource_id, tags)
            VALUES (\(connection.id), \(serviceId), \(day.prefix(7) + "-01"), \(day.prefix(7) + "-28"), \(day + " 00:00:00"),
                \(day + " 23:59:59"), \(service), \(billed), \(effective ?? billed), 'USD', \(resourceId), \(tags))
            """)
            try DailyRollups.rebuild(connectionId: connection.id, billingPeriods: [period], in: tx)
        }
    }
}
