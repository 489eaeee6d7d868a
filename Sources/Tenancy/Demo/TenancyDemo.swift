import Foundation
import Kernel
public import MariaDB
import Sodium

/// The demo organizations, built from `financial-governance-framework.md`.
///
/// Distro Nation runs one AWS account per environment (production, staging, development), plus
/// Firebase and the Airtable API. A second, small organization, Empire Distribution, shows that
/// tenants never see each other. Loading again creates only what is missing.
public enum TenancyDemo {
    public static let organizationName = "Distro Nation"
    public static let secondOrganizationName = "Empire Distribution"

    /// What the other features' demo data build on.
    public struct Loaded: Sendable {
        public let organization: Organization
        /// The demo's owner (the platform administrator named on the command line), when it exists.
        public let owner: User?
        public let connections: [String: CSPConnection]
        public let secondOrganization: Organization
        public let secondOwner: User
        public let secondConnection: CSPConnection

        /// Every demo connection, of both organizations, by name.
        public var allConnections: [String: CSPConnection] { connections.merging([secondConnection.name: secondConnection]) { a, _ in a } }
    }

    struct ConnectionSpec {
        let name: String
        let provider: Provider
        let services: [(name: String, category: String)]
    }

    /// Section 1.1's AWS services with their FOCUS categories (the cost demo uses the same names).
    public static let awsServices: [(name: String, category: String)] = [
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

    /// A demo editor who left the company: deactivated.
    public static let formerUser = "former.contractor@distronation.example"

    /// The demo's department heads: viewers who own chargeback lines and answer them (allocation's demo).
    public static let departmentHeads = ["engineering-head@distronation.example", "product-head@distronation.example",
                                         "operations-head@distronation.example"]

    /// The demo users' password (local stacks only).
    public static let demoPassword = "demo"

    /// Creates what is missing, in one transaction.
    /// - Parameter ownerEmail: the platform administrator who owns the demo (`budgetd user add` first).
    public static func load(ownerEmail: String, in db: Connection) throws -> Loaded {
        let hash = try PasswordHash.hash(demoPassword)
        return try db.transaction { tx in
            let organization = try OrganizationStore.find(named: organizationName, in: tx)
                ?? OrganizationStore.create(name: organizationName, createdBy: nil, in: tx)
            // The demo's owner: the organization's account with that address, or the platform's.
            let owner = try UserStore.account(email: ownerEmail, organizationId: organization.id, in: tx)
                ?? UserStore.account(email: ownerEmail, organizationId: nil, in: tx)
            for (email, role) in [("editor@distronation.example", Role.editor), ("viewer@distronation.example", .viewer)]
                + departmentHeads.map({ ($0, Role.viewer) })
            where try UserStore.account(email: email, organizationId: organization.id, in: tx) == nil {
                _ = try UserStore.create(
                    NewUser(organizationId: organization.id, email: email, passwordHash: hash, role: role, isPlatformAdmin: false),
                    createdBy: owner?.id, in: tx)
            }
            // Someone who left: the users page shows a deactivated account beside the active ones.
            if try UserStore.account(email: formerUser, organizationId: organization.id, in: tx) == nil, let owner {
                let former = try UserStore.create(
                    NewUser(organizationId: organization.id, email: formerUser, passwordHash: hash, role: .editor, isPlatformAdmin: false),
                    createdBy: owner.id, in: tx)
                try UserStore.setDeactivated((Date(), owner.id), of: former.id, in: tx)
            }
            var byName: [String: CSPConnection] = [:]
            let existing = try ConnectionStore.list(organizationId: organization.id, in: tx)
            for spec in connections {
                let csp = try existing.first { $0.name == spec.name }
                    ?? ConnectionStore.create(organizationId: organization.id, name: spec.name, provider: spec.provider, currency: "USD",
                                              createdBy: owner?.id, in: tx)
                for service in spec.services {
                    _ = try ConnectionStore.ensureService(connectionId: csp.id, name: service.name, category: service.category, in: tx)
                }
                byName[spec.name] = csp
            }
            let second = try secondOrganization(passwordHash: hash, in: tx)
            return Loaded(organization: organization, owner: owner, connections: byName, secondOrganization: second.organization,
                          secondOwner: second.owner, secondConnection: second.connection)
        }
    }

    /// The demo organization, once loaded.
    public static func organization(in db: any SQLReading) throws -> Organization? {
        try OrganizationStore.find(named: organizationName, in: db)
    }

    private static func secondOrganization(passwordHash: String,
                                           in tx: Transaction) throws -> (organization: Organization, owner: User, connection: CSPConnection) {
        let organization = try OrganizationStore.find(named: secondOrganizationName, in: tx)
            ?? OrganizationStore.create(name: secondOrganizationName, createdBy: nil, in: tx)
        let owner = try UserStore.account(email: "admin@empire.example", organizationId: organization.id, in: tx)
            ?? UserStore.create(NewUser(organizationId: organization.id, email: "admin@empire.example", passwordHash: passwordHash,
                                        role: .admin, isPlatformAdmin: false), createdBy: nil, in: tx)
        let connection = try ConnectionStore.list(organizationId: organization.id, in: tx).first { $0.name == "Empire AWS" }
            ?? ConnectionStore.create(organizationId: organization.id, name: "Empire AWS", provider: .aws, currency: "USD",
                                      createdBy: owner.id, in: tx)
        return (organization, owner, connection)
    }
}
