import BudgetCore
import BudgetStorage
import Foundation
import Templating

/// `/budgets`: the organization's budgets with their spend, totals, and a filter by connection.
enum BudgetListPage {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/budgets") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            let principal = session.principal
            let organizationId = try principal.requireOrganization()
            let connections = try MariaDBConnectionRepository(connection: connection).list(organizationId: organizationId)
            let filter = request.query["connection"].flatMap { UUID(canonical: $0) }.flatMap { id in connections.first { $0.id == id }?.id }
            let service = services.budgets(connection, logger: context.logger)
            let views = try service.list(for: principal, connectionId: filter)
            let totals = CurrencyTotals(views)
            // `$4,950.00`, or `$4,950.00 · €1,200.00` for an organization billed in two currencies.
            func sum(_ figure: (CurrencyTotals.Total) -> Decimal) -> String {
                totals.isEmpty ? MoneyFormat.amount(0, currency: connections.first?.currency ?? "USD")
                    : totals.map { MoneyFormat.amount(figure($0), currency: $0.currency) }.joined(separator: " · ")
            }
            return try services.pages.render("budgets.index", [
                "title": "Budgets",
                "budgets": .list(views.map { row($0) }),
                "hasBudgets": .bool(!views.isEmpty),
                "filtered": .bool(filter != nil),
                "totals": [
                    "count": .string(String(views.count)),
                    "allocated": .string(sum(\.allocated)),
                    "spend": .string(sum(\.spend)),
                    "attention": .string(String(views.filter { $0.metrics.status == .warning || $0.metrics.status == .exceeded }.count)),
                ],
                "connections": .list(connections.map {
                    ["id": .string($0.id.lowercasedString), "name": .string($0.name), "selected": .bool($0.id == filter)]
                }),
            ], request: request, session: session)
        }
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
