public import Foundation
import Kernel
public import MariaDB
public import Tenancy

/// The demo's allocation: the framework's mandatory tags (section 2.2) as the tag policy, and its
/// two dimensions (2.1): departments, whose shared network and monitoring services are split
/// 70/20/10, and projects, whose shared services follow the API calls each project made. The demo's
/// costs carry the tags on most line items; the rest (data transfer, unattributed charges) show on
/// the compliance page, are attributed by rules, or become overhead.
public enum AllocationDemo {
    public static let policy = TagPolicy(requiredTags: [
        .init(key: "Environment", allowedValues: ["production", "staging", "development", "testing"]),
        .init(key: "Department", allowedValues: ["engineering", "product", "operations", "analytics"]),
        .init(key: "Team", allowedValues: ["api-team", "frontend-team", "data-team", "devops-team"]),
        .init(key: "Owner", allowedValues: nil),
        .init(key: "Project", allowedValues: ["core-platform", "new-feature", "analytics", "maintenance"]),
        .init(key: "CostCenter", allowedValues: nil),
    ])

    static let sharedServices = ["EC2 - NAT Gateway", "Amazon VPC", "Elastic Load Balancing", "Amazon CloudWatch"]

    static func departments(now: Date) -> AllocationDimension {
        AllocationDimension(
            id: UUID(), name: "Department", tagKey: "Department", sharedServices: sharedServices, sharedMethod: .fixed,
            fixedShares: [("engineering", 70), ("product", 20), ("operations", 10)],
            rules: [AssignmentRule(match: .serviceName("AWS Data Transfer"), value: "engineering"),
                    AssignmentRule(match: .resourceIdGlob(Glob("staging/*")), value: "engineering")],
            owners: [("engineering", "engineering-head@distronation.com"), ("product", "product-head@distronation.com"),
                     ("operations", "operations-head@distronation.com")],
            createdAt: now, updatedAt: now)
    }

    static func projects(now: Date) -> AllocationDimension {
        AllocationDimension(
            id: UUID(), name: "Project", tagKey: "Project", sharedServices: sharedServices, sharedMethod: .metric, metric: "apiCalls",
            rules: [AssignmentRule(match: .resourceIdGlob(Glob("development/*")), value: "new-feature")],
            owners: [("core-platform", "platform-lead@distronation.com")], createdAt: now, updatedAt: now)
    }

    /// Thousands of API calls per project and month: core platform carries most of the traffic.
    static let apiCalls: [(String, Decimal)] = [("core-platform", 1200), ("new-feature", 450), ("analytics", 250), ("maintenance", 100)]

    /// Sets the policy and the dimensions when the organization has none (loading again keeps what an
    /// admin changed), and the last twelve months' API calls.
    public static func load(_ tenancy: TenancyDemo.Loaded, now: Date, in db: Connection) throws {
        let organizationId = tenancy.organization.id
        if try AllocationService.policy(organizationId: organizationId, in: db).requiredTags.isEmpty {
            try AllocationService.setPolicy(policy, organizationId: organizationId, at: now, in: db)
        }
        try db.transaction { tx in
            guard try DimensionStore.all(organizationId: organizationId, in: tx).isEmpty else { return }
            try DimensionStore.save(departments(now: now), organizationId: organizationId, by: nil, in: tx)
            try DimensionStore.save(projects(now: now), organizationId: organizationId, by: nil, in: tx)
            let thisMonth = LocalDate(now).firstOfMonth
            for back in 0..<12 {
                let month = thisMonth.adding(months: -back)
                // A little more traffic every month, so the split moves.
                let figures = apiCalls.map { UsageFigure(metric: "apiCalls", value: $0.0, quantity: $0.1 * Decimal(100 - back * 3) / 100) }
                try MetricStore.replace(organizationId: organizationId, month: month, metric: "apiCalls", figures: figures, by: nil, at: now, in: tx)
            }
        }
    }
}
