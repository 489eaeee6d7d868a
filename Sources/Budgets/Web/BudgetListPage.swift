import CostData
import Foundation
import HTTPKit
import Kernel
import Templating
import Tenancy
import Web

/// `/budgets` as the template draws it.
struct BudgetIndex: Page {
    static let template = "budgets/budgets.index"
    /// Budgets a page lists; the rest are a "Next" link away.
    static let pageSize = 50
    let title = "Budgets"
    /// Every budget that matches the search, status and connection: the totals are theirs.
    var views: [BudgetView]
    /// The part of them this page lists.
    var page: ArraySlice<BudgetView>
    var query: BudgetListQuery
    var connections: [CSPConnection]
    /// The connection the list is filtered by, if any.
    var filter: UUID?
    /// The budget just deleted (`?deleted=`), named with an offer to undo while it stays deleted.
    var deleted: Budget?

    var templateValue: TemplateValue {
        let periodTotals = PeriodTotal.totals(of: views)
        let several = Set(periodTotals.map(\.currency)).count > 1
        let filtered = filter != nil || query.isFiltered
        return [
            "budgets": .list(page.map(BudgetIndex.row)),
            "hasBudgets": .bool(!page.isEmpty),
            "filtered": .bool(filtered),
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
            "search": .string(query.search ?? ""),
            "statuses": .list(BudgetStatus.allCases.map { status in
                ["value": .string(status.rawValue), "label": .string(PageFormat.statusLabel(status)), "selected": .bool(status == query.status)]
            }),
            "sorts": .list(BudgetIndex.sortChoices.map { choice, label in
                ["value": .string(choice.sortParameter), "label": .string(label), "selected": .bool(choice.sortParameter == query.sortParameter)]
            }),
            "paging": paging,
            "deleted": deleted.map { ["id": .string($0.id.lowercasedString), "name": .string($0.name)] } ?? .bool(false),
        ]
    }

    /// The orders the form offers, each in the direction a reader wants first.
    static let sortChoices: [(BudgetListQuery, String)] = [
        (BudgetListQuery(sort: .name), "Name, A to Z"), (BudgetListQuery(sort: .name, descending: true), "Name, Z to A"),
        (BudgetListQuery(sort: .utilization, descending: true), "Most used first"),
        (BudgetListQuery(sort: .status, descending: true), "Exceeded first"),
        (BudgetListQuery(sort: .spend, descending: true), "Most spent first"),
        (BudgetListQuery(sort: .amount, descending: true), "Largest amount first"),
        (BudgetListQuery(sort: .daysRemaining), "Fewest days left first"),
    ]

    /// "Showing 51–100 of 120", with links to the pages before and after that keep the search.
    private var paging: TemplateValue {
        let total = views.count
        guard total > 0 else { return .bool(false) }
        let first = query.offset + 1
        let last = query.offset + page.count
        let size = query.limit ?? Self.pageSize
        return [
            "range": .string(page.isEmpty ? "none of \(total)" : "\(first)–\(last) of \(total)"),
            "previous": query.offset > 0 ? .string(link(offset: max(0, query.offset - size))) : .bool(false),
            "next": last < total ? .string(link(offset: last)) : .bool(false),
            "several": .bool(total > size),
        ]
    }

    /// `/budgets?…` with this page's search, status, order and connection, at `offset`.
    func link(offset: Int) -> String {
        var parts: [String] = []
        if let search = query.search { parts.append("q=" + PageRenderer.percentEncoded(search)) }
        if let filter { parts.append("connection=" + filter.lowercasedString) }
        if let status = query.status { parts.append("status=" + status.rawValue) }
        if query.sort != .name || query.descending { parts.append("sort=" + query.sortParameter) }
        if offset > 0 { parts.append("offset=\(offset)") }
        return "/budgets" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }

    static func row(_ view: BudgetView) -> TemplateValue {
        let b = view.budget
        let m = view.metrics
        return [
            "id": .string(b.id.lowercasedString),
            "name": .string(b.name),
            "connectionName": .string(b.cspConnectionName),
            "tags": b.tagFilters.isEmpty ? .bool(false) : .string(b.tagFilters.label),
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

/// `/budgets`: the organization's budgets with their spend and totals; searched, filtered by connection and
/// status, ordered and paged by `BudgetListQuery`.
struct BudgetListPage {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.pages.get("/budgets") { request, page in
            let connections = try ConnectionDirectory.connections(organizationId: try page.principal.requireOrganization(), in: page.db)
            let filter = request.query["connection"].flatMap { UUID(canonical: $0) }.flatMap { id in connections.first { $0.id == id }?.id }
            var query = try BudgetListQuery(parameters: { request.query[$0] })
            query.limit = query.limit ?? BudgetIndex.pageSize
            let budgets = module.service(page.db, now: page.now, logger: page.logger)
            let views = query.matching(try budgets.list(for: page.principal, connectionId: filter))
            let deleted = try request.query["deleted"].flatMap { UUID(canonical: $0) }.flatMap { try budgets.deleted($0, for: page.principal) }
            let index = BudgetIndex(views: views, page: query.page(of: views), query: query, connections: connections, filter: filter,
                                    deleted: deleted)
            return try routes.renderer.render(index, request: request, session: page.session)
        }
    }
}
