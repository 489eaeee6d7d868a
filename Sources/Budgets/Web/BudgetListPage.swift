import Foundation
import HTTPKit
import Kernel
import Templating
import Tenancy
import Web

/// `/budgets` as the template draws it.
struct BudgetIndex: Page {
    static let template = "budgets/budgets.index"
    let title = "Budgets"
    var views: [BudgetView]
    var connections: [CSPConnection]
    /// The connection the list is filtered by, if any.
    var filter: UUID?

    var templateValue: TemplateValue {
        let periodTotals = PeriodTotal.totals(of: views)
        let several = Set(periodTotals.map(\.currency)).count > 1
        return [
            "budgets": .list(views.map(BudgetIndex.row)),
            "hasBudgets": .bool(!views.isEmpty),
            "filtered": .bool(filter != nil),
            "totals": [
                "count": .string(String(views.count)),
                "attention": .string(String(views.filter { $0.metrics.status == .warning || $0.metrics.status == .exceeded }.count)),
            ],
            "periodTotals": .list(periodTotals.map { total in
                [
                    "label": .string(total.timeRange.label + (several ? " (\(total.currency))" : "")),
                    "budgets": .string(String(total.budgets)),
                    "allocated": .string(MoneyFormat.amount(total.allocated, currency: total.currency)),
                    "spend": .string(MoneyFormat.amount(total.spend, currency: total.currency)),
                    "notAdded": total.notAdded > 0 ? .string(String(total.notAdded)) : .bool(false),
                ]
            }),
            "hasPeriodTotals": .bool(!periodTotals.isEmpty),
            "connections": .list(connections.map {
                ["id": .string($0.id.lowercasedString), "name": .string($0.name), "selected": .bool($0.id == filter)]
            }),
        ]
    }

    static func row(_ view: BudgetView) -> TemplateValue {
        let b = view.budget
        let m = view.metrics
        return [
            "id": .string(b.id.lowercasedString),
            "name": .string(b.name),
            "connectionName": .string(b.cspConnectionName),
            "timeRange": .string(b.timeRange.label),
            "period": .string(DateFormat.period(m.period)),
            "amount": .string(MoneyFormat.amount(b.amount, currency: b.currency)),
            "spend": .string(MoneyFormat.amount(m.currentSpend, currency: b.currency)),
            "meter": PageFormat.meter(m.utilizationPercentage, status: m.status),
            "status": .string(m.status.rawValue),
            "statusLabel": .string(PageFormat.statusLabel(m.status)),
            "daysRemaining": .string(String(m.daysRemaining)),
        ]
    }
}

/// `/budgets`: the organization's budgets with their spend, totals, and a filter by connection.
struct BudgetListPage {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.pages.get("/budgets") { request, page in
            let connections = try ConnectionDirectory.connections(organizationId: try page.principal.requireOrganization(), in: page.db)
            let filter = request.query["connection"].flatMap { UUID(canonical: $0) }.flatMap { id in connections.first { $0.id == id }?.id }
            let views = try module.service(page.db, now: page.now, logger: page.logger).list(for: page.principal, connectionId: filter)
            return try routes.renderer.render(BudgetIndex(views: views, connections: connections, filter: filter), request: request,
                                              session: page.session)
        }
    }
}
