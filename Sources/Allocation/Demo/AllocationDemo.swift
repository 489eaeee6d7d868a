public import Foundation
public import MariaDB
public import Tenancy

/// The demo's tag policy: the governance framework's mandatory tags (section 2.2) with the values it
/// lists. The demo's costs carry them on most line items; the rest (data transfer, unattributed
/// charges, about one item in twenty) show on the compliance page.
public enum AllocationDemo {
    public static let policy = TagPolicy(requiredTags: [
        .init(key: "Environment", allowedValues: ["production", "staging", "development", "testing"]),
        .init(key: "Department", allowedValues: ["engineering", "product", "operations", "analytics"]),
        .init(key: "Team", allowedValues: ["api-team", "frontend-team", "data-team", "devops-team"]),
        .init(key: "Owner", allowedValues: nil),
        .init(key: "Project", allowedValues: ["core-platform", "new-feature", "analytics", "maintenance"]),
        .init(key: "CostCenter", allowedValues: nil),
    ])

    /// Sets the policy when the organization has none (loading again keeps what an admin changed).
    public static func load(_ tenancy: TenancyDemo.Loaded, now: Date, in db: Connection) throws {
        guard try AllocationService.policy(organizationId: tenancy.organization.id, in: db).requiredTags.isEmpty else { return }
        try AllocationService.setPolicy(policy, organizationId: tenancy.organization.id, at: now, in: db)
    }
}
