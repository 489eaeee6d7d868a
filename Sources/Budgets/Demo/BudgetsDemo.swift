import CostData
public import Foundation
import Kernel
public import MariaDB
public import Tenancy

/// The demo budgets: section 1.2's environment budgets (upper ends of its ranges) with section
/// 3.2's four alert levels, the engineering department's share of production selected by its
/// `Department` tag (section 2.2), and one budget of the second organization. Each is written with its
/// audit entry and `BudgetCreatedEvent` in one transaction, as the API does; budgets that exist
/// by name are left alone.
public enum BudgetsDemo {
    static let budgets: [(name: String, connection: String, amount: Decimal, timeRange: TimeRange)] = [
        ("Production AWS", "Production AWS Account", 350, .monthly),
        ("Staging AWS", "Staging AWS Account", 80, .monthly),
        ("Development AWS", "Development AWS Account", 50, .monthly),
        ("Firebase", "Firebase", 150, .monthly),
        ("Airtable API", "Airtable API", 120, .monthly),
        ("Production AWS FY", "Production AWS Account", 4200, .yearly),
    ]

    /// The engineering department's production costs, by the tag every cost carries (section 2.2):
    /// about 85 % of the account (networking, compute, databases and storage; not monitoring,
    /// security or the untagged lines). From July 2025, after the issued June report it would
    /// otherwise join unexplained.
    static let engineering = (name: "Engineering department", connection: "Production AWS Account", amount: Decimal(320),
                              start: LocalDate(iso: "2025-07-01")!, tags: [TagFilter(key: "Department", values: ["engineering"])])

    /// The framework's recipients by level, flattened: a budget has one list.
    static let recipients = ["engineering@distronation.example", "engineering-managers@distronation.example",
                             "finance@distronation.example", "executives@distronation.example"]

    /// - Returns: how many budgets were created.
    @discardableResult
    public static func load(_ tenancy: TenancyDemo.Loaded, now: Date, in db: Connection) throws -> Int {
        let start = LocalDate(iso: "2025-06-01")!
        var drafts: [(BudgetDraft, User?)] = budgets.compactMap { spec in
            guard let csp = tenancy.connections[spec.connection] else { return nil }
            let draft = BudgetDraft(
                organizationId: tenancy.organization.id, cspConnectionId: csp.id, name: spec.name, timeRange: spec.timeRange,
                renewalType: .recurring, budgetType: .fixed, startMonth: spec.timeRange == .yearly ? LocalDate(iso: "2025-07-01")! : start,
                amount: spec.amount, selectedServiceIds: [],
                thresholdRules: [60, 80, 100, 120].map { ThresholdRule.percentage(Decimal($0), of: spec.amount, trigger: .actualSpend) },
                alertRecipients: recipients)
            return (draft, tenancy.owner)
        }
        if let csp = tenancy.connections[engineering.connection] {
            drafts.append((BudgetDraft(
                organizationId: tenancy.organization.id, cspConnectionId: csp.id, name: engineering.name, timeRange: .monthly,
                renewalType: .recurring, budgetType: .fixed, startMonth: engineering.start, amount: engineering.amount, selectedServiceIds: [],
                thresholdRules: [60, 80, 100, 120].map { ThresholdRule.percentage(Decimal($0), of: engineering.amount, trigger: .actualSpend) },
                alertRecipients: recipients, tagFilters: engineering.tags), tenancy.owner))
        }
        drafts.append((BudgetDraft(
            organizationId: tenancy.secondOrganization.id, cspConnectionId: tenancy.secondConnection.id, name: "Empire AWS",
            timeRange: .monthly, renewalType: .recurring, budgetType: .fixed, startMonth: start, amount: 10_000,
            selectedServiceIds: [], thresholdRules: [.percentage(80, of: 10_000, trigger: .actualSpend)],
            alertRecipients: ["finance@empire.example"]), tenancy.secondOwner))
        return try db.transaction { tx in
            var created = 0
            for (draft, owner) in drafts {
                let existing = try BudgetStore.list(organizationId: draft.organizationId, in: tx)
                guard !existing.contains(where: { $0.name == draft.name }) else { continue }
                let id = try BudgetStore.insert(draft, by: owner?.id ?? UUID(), at: now, in: tx)
                if let budget = try BudgetStore.find(id, organizationId: draft.organizationId, in: tx), let owner {
                    try BudgetChangeLog.record(.created, before: nil, after: budget, actor: owner.principal, at: now, in: tx)
                }
                created += 1
            }
            return created
        }
    }
}
