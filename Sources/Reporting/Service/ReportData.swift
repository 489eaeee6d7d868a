import Allocation
import Budgets
import CostData
import Foundation
import Kernel
import MariaDB
import Tenancy

/// Reads what a report needs from the features that own it: connections and services (Tenancy),
/// budgets and their alerts (Budgets), costs from the daily rollups (CostData). A few grouped
/// queries per report, whatever the number of line items.
struct ReportData {
    let db: Connection
    let organizationId: UUID

    func organizationName() throws -> String {
        try ConnectionDirectory.organizationNames([organizationId], in: db)[organizationId] ?? "your organization"
    }

    func connections() throws -> [ReportConnection] {
        try ConnectionDirectory.connections(organizationId: organizationId, in: db)
            .map { ReportConnection(id: $0.id, name: $0.name, currency: $0.currency) }
    }

    func serviceNames(_ connections: [ReportConnection]) throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for (_, services) in try ConnectionDirectory.services(connectionIds: connections.map(\.id), in: db) {
            for service in services { names[service.id] = service.serviceName }
        }
        return names
    }

    /// The budgets live on or after `date` (deleted ones since included).
    func budgets(liveOnOrAfter date: Date) throws -> [ReportBudget] {
        try BudgetDirectory.budgets(organizationId: organizationId, liveOnOrAfter: date, in: db).map(ReportBudget.init)
    }

    func monthlyReport(_ month: LocalDate, now: Date) throws -> MonthlyReport {
        let connections = try connections()
        let ids = connections.map(\.id)
        let end = month.adding(months: 1)
        let window = MonthlyReportBuilder.runRateWindow(of: month, now: now)
        let dailyFrom = min(window.from, month)
        let explanations = try ExplanationStore.list(organizationId: organizationId, month: month, in: db)
        let budgets = try budgets(liveOnOrAfter: month.startOfDay)
        var builder = MonthlyReportBuilder(
            organizationId: organizationId, month: month, now: now, connections: connections, serviceNames: try serviceNames(connections),
            budgets: budgets,
            monthly: try SpendReader.monthlyServiceTotals(connectionIds: ids, from: MonthlyReportBuilder.historyStart(of: month), to: end, in: db),
            daily: try SpendReader.dailyTotals(connectionIds: ids, from: dailyFrom, to: max(end, window.to), in: db),
            asOf: try SpendReader.newestCharges(connectionIds: ids, from: month, before: end, in: db).values.max(),
            explanations: explanations
        )
        builder.firstCostDay = try SpendReader.firstCostDay(connectionIds: ids, in: db)
        builder.taggedBudgetCosts = try taggedCosts(of: budgets, in: month)
        var report = builder.build()
        report.allocations = try DimensionService.chargebacks(organizationId: organizationId, month: month, in: db)
        return report
    }

    func dailyDashboard(_ date: LocalDate, now: Date) throws -> DailyDashboard {
        let connections = try connections()
        let ids = connections.map(\.id)
        let month = date.firstOfMonth
        let budgets = try budgets(liveOnOrAfter: month.startOfDay)
        let complete = DailyDashboardBuilder.completeDays(of: date, now: now)
        let lastMonth = DailyDashboardBuilder.sameDaysLastMonth(of: date)
        let budgetNames = Dictionary(budgets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let alerts = try BudgetDirectory.breaches(organizationId: organizationId, recordedFrom: month.startOfDay,
                                                  to: month.adding(months: 1).startOfDay, in: db).map { breach in
            DailyDashboard.AlertLine(budgetId: breach.budgetId, budgetName: budgetNames[breach.budgetId] ?? "(deleted budget)",
                                     thresholdPercentage: breach.thresholdPercentage, triggerType: breach.triggerType.rawValue,
                                     figure: breach.figure, currency: breach.currency, breachedAt: breach.breachedAt)
        }
        let newest = try SpendReader.newestCharges(connectionIds: ids, in: db)
        let budgeted = Set(budgets.filter { $0.deletedAt == nil }.map(\.connectionId))
        return DailyDashboardBuilder(
            organizationId: organizationId, date: date, now: now, connections: connections, serviceNames: try serviceNames(connections),
            budgets: budgets,
            today: try SpendReader.serviceTotals(connectionIds: ids, from: date, to: date.adding(days: 1), in: db),
            monthToDate: try SpendReader.serviceTotals(connectionIds: ids, from: month, to: date.adding(days: 1), in: db),
            sameDaysLastMonth: try SpendReader.serviceTotals(connectionIds: ids, from: lastMonth.from, to: lastMonth.to, in: db),
            completeDaysCost: try SpendReader.serviceTotals(connectionIds: ids, from: complete.from, to: complete.to, in: db),
            asOf: try SpendReader.newestCharges(connectionIds: ids, from: date.adding(days: -31), before: date.adding(days: 1), in: db)
                .values.max(),
            alerts: alerts,
            staleConnections: DailyDashboard.StaleConnection.find(connections.filter { budgeted.contains($0.id) }, newestCharges: newest, now: now)
        ).build()
    }

    func weeklySummary(_ week: ISOWeek, now: Date) throws -> WeeklySummary {
        let connections = try connections()
        let ids = connections.map(\.id)
        let end = week.end.adding(days: 1)
        return WeeklySummary.build(
            organizationId: organizationId, week: week, now: now, connections: connections, serviceNames: try serviceNames(connections),
            thisWeek: try SpendReader.serviceTotals(connectionIds: ids, from: week.start, to: end, in: db),
            previousWeek: try SpendReader.serviceTotals(connectionIds: ids, from: week.previous.start, to: week.start, in: db),
            daily: try SpendReader.dailyTotals(connectionIds: ids, from: week.start, to: end, in: db),
            asOf: try SpendReader.newestCharges(connectionIds: ids, from: week.start.adding(days: -31), before: end, in: db).values.max())
    }
}

extension ReportData {
    /// The month's billed cost of each budget that selects by tags, which the service lines cannot
    /// give: one query for all of them (`SpendReader`'s rollups by tag set), rounded to the cent once.
    func taggedCosts(of budgets: [ReportBudget], in month: LocalDate) throws -> [UUID: Cents] {
        let tagged = budgets.filter { !$0.tagFilters.isEmpty }
        guard !tagged.isEmpty else { return [:] }
        var selections: [TagSelection: Set<UUID>] = [:]
        for budget in tagged { selections[TagSelection(budget.tagFilters), default: []].insert(budget.connectionId) }
        let spend = try SpendReader.monthlySpend(from: month, to: month.adding(months: 1), selections: selections, in: db)
        let period = BudgetPeriod(start: month, end: month.adding(months: 1).adding(days: -1))
        var costs: [UUID: Cents] = [:]
        for budget in tagged {
            let figures = spend[TagSelection(budget.tagFilters)]?
                .figures(connectionId: budget.connectionId, serviceIds: budget.serviceIds, in: period)
            costs[budget.id] = Cents(rounding: figures?.billed ?? 0)
        }
        return costs
    }
}

extension ReportBudget {
    init(_ budget: Budget) {
        self.init(id: budget.id, name: budget.name, connectionId: budget.cspConnectionId, connectionName: budget.cspConnectionName,
                  currency: budget.currency, timeRange: budget.timeRange, startMonth: budget.startMonth, amount: budget.amount,
                  serviceIds: budget.selectedServices.filter(\.selected).map(\.id), createdAt: budget.createdAt, deletedAt: budget.deletedAt,
                  tagFilters: budget.tagFilters)
    }
}
