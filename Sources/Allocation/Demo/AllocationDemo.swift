public import Foundation
import Kernel
public import MariaDB
public import Templating
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
            owners: [("engineering", TenancyDemo.departmentHeads[0]), ("product", TenancyDemo.departmentHeads[1]),
                     ("operations", TenancyDemo.departmentHeads[2])],
            createdAt: now, updatedAt: now)
    }

    static func projects(now: Date) -> AllocationDimension {
        AllocationDimension(
            id: UUID(), name: "Project", tagKey: "Project", sharedServices: sharedServices, sharedMethod: .metric, metric: "apiCalls",
            rules: [AssignmentRule(match: .resourceIdGlob(Glob("development/*")), value: "new-feature")],
            owners: [("core-platform", TenancyDemo.departmentHeads[0])], createdAt: now, updatedAt: now)
    }

    /// Thousands of API calls per project and month: core platform carries most of the traffic.
    static let apiCalls: [(String, Decimal)] = [("core-platform", 1200), ("new-feature", 450), ("analytics", 250), ("maintenance", 100)]

    /// Sets the policy and the dimensions when the organization has none (loading again keeps what an
    /// admin changed), the last twelve months' API calls, and the month before last's Department
    /// statement as its owners answered it: engineering accepted, product disputed and adjusted,
    /// operations still to answer. Last month's statement is left for an admin to issue.
    public static func load(_ tenancy: TenancyDemo.Loaded, now: Date, templates: TemplateLibrary, publicURL: String,
                            in db: Connection) throws {
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
        try answeredStatement(tenancy, now: now, templates: templates, publicURL: publicURL, in: db)
    }

    private static func answeredStatement(_ tenancy: TenancyDemo.Loaded, now: Date, templates: TemplateLibrary, publicURL: String,
                                          in db: Connection) throws {
        let organizationId = tenancy.organization.id
        let month = LocalDate(now).firstOfMonth.adding(months: -2)
        guard let owner = tenancy.owner,
              try StatementStore.list(organizationId: organizationId, month: month, in: db).isEmpty else { return }
        func principal(_ email: String, _ role: Role, _ id: UUID = UUID()) -> Principal {
            Principal(userId: id, email: email, organizationId: organizationId, role: role, isPlatformAdmin: false)
        }
        let admin = principal(owner.email, .admin, owner.id)
        // Answered over the weeks after the month ended: the dispute took three days to resolve.
        let day = { (days: Int) in StatementService(db: db, now: now.addingTimeInterval(Double(days) * 86_400), templates: templates,
                                                    publicURL: publicURL) }
        let statement = try day(-25).issue(dimensionName: "Department", month: month, by: admin)
        _ = try day(-22).accept(statement.id, currency: "USD", value: "engineering", by: principal(TenancyDemo.departmentHeads[0], .viewer))
        let dispute = try day(-20).dispute(statement.id, currency: "USD", value: "product", serviceName: nil,
                                           reason: "The staging load balancer is engineering's, not ours.",
                                           by: principal(TenancyDemo.departmentHeads[1], .viewer))
        _ = try day(-17).resolve(dispute: dispute.id, decision: "adjust", amount: "5.00", toValue: "engineering",
                                 note: "Agreed: 5.00 moves to engineering for the staging load balancer.", by: admin)
    }
}
