import BudgetCore
import BudgetStorage
import CostImport
import Foundation
import MariaDB
import Sodium

/// The demo organizations, built from `financial-governance-framework.md`.
///
/// Distro Nation runs one AWS account per environment (production, staging, development), plus
/// Firebase and the Airtable API; its budgets are the framework's environment budgets with its
/// four alert levels. A second, small organization shows that tenants never see each other.
struct DemoTenants {
    let connection: Connection
    let now: Date

    struct ConnectionSpec {
        let name: String
        let provider: Provider
        let services: [(name: String, category: String)]
    }

    static let awsServices: [(String, String)] = [
        ("EC2 - NAT Gateway", "Networking"), ("Amazon ECS Fargate", "Compute"), ("Amazon VPC", "Networking"),
        ("Elastic Load Balancing", "Networking"), ("AWS Amplify", "Developer Tools"), ("Amazon ECR", "Containers"),
        ("AWS Data Transfer", "Networking"), ("Amazon Aurora PostgreSQL", "Databases"), ("Amazon DocumentDB", "Databases"),
        ("Amazon S3", "Storage"), ("Amazon CloudWatch", "Management and Governance"), ("AWS WAF", "Security"),
        ("AWS Secrets Manager", "Security"), ("Amazon Route 53", "Networking"), ("AWS Lambda", "Compute"),
        ("Amazon API Gateway", "Networking"), ("Amazon CloudFront", "Networking"), ("Unattributed", "Other"),
    ]

    static let connections: [ConnectionSpec] = [
        ConnectionSpec(name: "Production AWS Account", provider: .aws, services: awsServices),
        ConnectionSpec(name: "Staging AWS Account", provider: .aws, services: awsServices),
        ConnectionSpec(name: "Development AWS Account", provider: .aws, services: awsServices),
        ConnectionSpec(name: "Firebase", provider: .gcp, services: [
            ("Firebase Authentication", "Identity"), ("Firebase Realtime Database", "Databases"),
            ("Cloud Storage for Firebase", "Storage"), ("Cloud Functions for Firebase", "Compute"),
        ]),
        ConnectionSpec(name: "Airtable API", provider: .other, services: [("Airtable API", "SaaS")]),
    ]

    /// Section 1.2's environment budgets (upper ends of its ranges) with section 3.2's alert levels.
    static let budgets: [(name: String, connection: String, amount: Decimal, timeRange: TimeRange)] = [
        ("Production AWS", "Production AWS Account", 350, .monthly),
        ("Staging AWS", "Staging AWS Account", 80, .monthly),
        ("Development AWS", "Development AWS Account", 50, .monthly),
        ("Firebase", "Firebase", 150, .monthly),
        ("Airtable API", "Airtable API", 120, .monthly),
        ("Production AWS FY", "Production AWS Account", 4200, .yearly),
    ]

    /// The framework's recipients by level, flattened: a budget has one list.
    static let recipients = ["engineering@distronation.example", "engineering-managers@distronation.example",
                             "finance@distronation.example", "executives@distronation.example"]

    /// Creates what is missing; returns the organization and its connections by name.
    func load(adminEmail: String) throws -> (Organization, [String: CSPConnection]) {
        let organizations = MariaDBOrganizationRepository(connection: connection)
        let organization = try organizations.find(named: "Distro Nation") ?? organizations.createEmpty(name: "Distro Nation")
        let users = MariaDBUserRepository(connection: connection)
        // The demo's owner: the organization's account with that address, or the platform's.
        let admin = try users.account(email: adminEmail, organizationId: organization.id) ?? users.account(email: adminEmail, organizationId: nil)
        let hash = try PasswordHash.hash("demo")
        for (email, role) in [("editor@distronation.example", Role.editor), ("viewer@distronation.example", .viewer)]
        where try users.account(email: email, organizationId: organization.id) == nil {
            _ = try users.create(NewUser(organizationId: organization.id, email: email, passwordHash: hash, role: role, isPlatformAdmin: false),
                                 createdBy: admin?.id)
        }
        let repository = MariaDBConnectionRepository(connection: connection)
        var byName: [String: CSPConnection] = [:]
        for spec in DemoTenants.connections {
            let existing = try repository.list(organizationId: organization.id).first { $0.name == spec.name }
            let csp = try existing ?? repository.create(organizationId: organization.id, name: spec.name, provider: spec.provider, currency: "USD", createdBy: admin?.id)
            for service in spec.services {
                _ = try repository.ensureService(connectionId: csp.id, name: service.name, category: service.category)
            }
            byName[spec.name] = csp
        }
        try createBudgets(organization: organization, connections: byName, actor: admin)
        try importCosts(connections: byName)
        try createSecondOrganization()
        return (organization, byName)
    }

    /// Each connection's costs from June 2025 to the last full hour, through the same importer as
    /// real files.
    private func importCosts(connections: [String: CSPConnection]) throws {
        let today = LocalDate(now)
        let hoursToday = Int(now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) / 3_600)
        for spec in DemoCosts.connections {
            guard let csp = connections[spec.name] else { continue }
            let bytes = DemoCosts.csv(for: spec, through: today, hoursOfLastDay: hoursToday)
            var offset = 0
            _ = try CostImporter(connection: connection, now: { now }).run(
                ImportRequest(organizationId: csp.organizationId, connectionId: csp.id, fileName: "demo-\(spec.environment).csv", actor: nil, channel: .cli),
                read: { buffer in
                    let n = min(buffer.count, bytes.count - offset)
                    guard n > 0 else { return 0 }
                    bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                    offset += n
                    return n
                })
        }
    }

    private func createBudgets(organization: Organization, connections: [String: CSPConnection], actor: User?) throws {
        let budgets = MariaDBBudgetRepository(connection: connection)
        let existing = Set(try budgets.list(organizationId: organization.id).map(\.name))
        let start = LocalDate(iso: "2025-06-01")!
        for spec in DemoTenants.budgets where !existing.contains(spec.name) {
            guard let csp = connections[spec.connection] else { continue }
            let draft = BudgetDraft(
                organizationId: organization.id, cspConnectionId: csp.id, name: spec.name, timeRange: spec.timeRange,
                renewalType: .recurring, budgetType: .fixed, startMonth: spec.timeRange == .yearly ? LocalDate(iso: "2025-07-01")! : start,
                amount: spec.amount, selectedServiceIds: [],
                thresholdRules: [60, 80, 100, 120].map { ThresholdRule.percentage(Decimal($0), of: spec.amount, trigger: .actualSpend) },
                alertRecipients: DemoTenants.recipients)
            try create(draft, by: actor)
        }
    }

    /// Writes the budget with its audit entry and `BudgetCreatedEvent`, in one transaction, as the API does.
    private func create(_ draft: BudgetDraft, by actor: User?) throws {
        let budgets = MariaDBBudgetRepository(connection: connection)
        try connection.transaction {
            let id = try budgets.insert(draft, by: actor?.id ?? UUID(), at: now)
            if let created = try budgets.find(id, organizationId: draft.organizationId), let actor {
                try BudgetChangeLog(connection: connection).record(.created, before: nil, after: created, actor: actor.principal, at: now)
            }
        }
    }

    private func createSecondOrganization() throws {
        let organizations = MariaDBOrganizationRepository(connection: connection)
        guard try organizations.find(named: "Empire Distribution") == nil else { return }
        let organization = try organizations.createEmpty(name: "Empire Distribution")
        let users = MariaDBUserRepository(connection: connection)
        let owner = try users.create(
            NewUser(organizationId: organization.id, email: "admin@empire.example", passwordHash: try PasswordHash.hash("demo"), role: .admin, isPlatformAdmin: false),
            createdBy: nil)
        let csp = try MariaDBConnectionRepository(connection: connection).create(
            organizationId: organization.id, name: "Empire AWS", provider: .aws, currency: "USD", createdBy: owner.id)
        try create(BudgetDraft(
            organizationId: organization.id, cspConnectionId: csp.id, name: "Empire AWS", timeRange: .monthly, renewalType: .recurring,
            budgetType: .fixed, startMonth: LocalDate(iso: "2025-06-01")!, amount: 10_000,
            selectedServiceIds: [], thresholdRules: [.percentage(80, of: 10_000, trigger: .actualSpend)],
            alertRecipients: ["finance@empire.example"]), by: owner)
    }
}
