public import Foundation
import Kernel
public import MariaDB
public import Tenancy

/// The demo's reports: June 2025 explained and issued as version 1 (its three significant
/// variances carry the kind of note a finance team writes), and two subscriptions, so that a new
/// admin sees an issued report, its history and the distribution page filled in. Nothing is
/// written twice when the demo is loaded again.
public enum ReportingDemo {
    static let month = LocalDate(iso: "2025-06-01")!

    static let explanations = [
        "Production AWS": "EC2 reserved instances bought in May took effect; compute came in under plan. Keep the budget, review in Q3.",
        "Staging AWS": "The staging cluster was scaled down after the release freeze; expected to return to plan in July.",
        "Development AWS": "Load-test environments were switched off mid-month. Sustainable only if the nightly shutdown stays on.",
    ]

    static let subscriptions: [(report: String, email: String, format: String)] = [
        ("monthly", "finance@distronation.example", "full"),
        ("weekly", "engineering-managers@distronation.example", "summary"),
    ]

    /// Needs the demo's budgets and costs loaded first.
    public static func load(_ tenancy: TenancyDemo.Loaded, now: Date, settings: ReportSettings, in db: Connection) throws {
        guard let owner = tenancy.owner else { return }
        // The owner may be the platform administrator outside the organization: it acts as the organization's admin here.
        let principal = owner.organizationId == tenancy.organization.id ? owner.principal
            : Principal(userId: owner.id, email: owner.email, organizationId: tenancy.organization.id, role: .admin, isPlatformAdmin: true)
        let service = ReportService(db: db, now: now, settings: settings)
        let report = try service.monthly(month, for: principal)
        for line in report.currencies.flatMap(\.budgets) where line.explanation == nil {
            guard let text = explanations[line.name] else { continue }
            try service.explain(month, budgetId: line.budgetId, text: text, by: principal)
        }
        // June 2025 is issued while it is within the retention (a demo loaded years later shows it unissued).
        if try service.versions(month, for: principal).isEmpty, month >= LocalDate(now).firstOfMonth.adding(months: -settings.retentionMonths) {
            _ = try service.issue(month, force: false, by: principal)
        }
        let existing = try service.subscriptions(for: principal)
        for spec in subscriptions where !existing.contains(where: { $0.report.rawValue == spec.report && $0.email == spec.email }) {
            _ = try service.subscribe(report: spec.report, email: spec.email, format: spec.format, by: principal)
        }
    }
}
