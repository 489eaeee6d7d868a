public import CostData
public import Foundation
public import Kernel

/// Builds a `MonthlyReport` from what the storage read: pure, so every figure is unit-tested.
///
/// Cost lines are rounded to the cent once, per connection and service and month; every total is
/// a sum of those lines, so the tables add up on the page.
public struct MonthlyReportBuilder: Sendable {
    public var organizationId: UUID
    /// The first of the report's month.
    public var month: LocalDate
    public var now: Date
    public var connections: [ReportConnection]
    public var serviceNames: [UUID: String]
    public var budgets: [ReportBudget]
    /// Months `historyStart` through `month` (see `historyStart`).
    public var monthly: [MonthlyServiceCost]
    /// Days from `runRateWindow.from` through the end of the month.
    public var daily: [DailyConnectionCost]
    public var asOf: Date?
    public var explanations: [UUID: Explanation]
    /// The organization's first day with cost: a run rate never counts days before it as days without cost.
    public var firstCostDay: LocalDate?
    /// The month's cost of each budget that selects by tags (the service lines cannot say which of
    /// their costs it selects); a tag budget missing here cost nothing.
    public var taggedBudgetCosts: [UUID: Cents] = [:]

    public init(organizationId: UUID, month: LocalDate, now: Date, connections: [ReportConnection], serviceNames: [UUID: String],
                budgets: [ReportBudget], monthly: [MonthlyServiceCost], daily: [DailyConnectionCost], asOf: Date?,
                explanations: [UUID: Explanation]) {
        self.organizationId = organizationId
        self.month = month.firstOfMonth
        self.now = now
        self.connections = connections
        self.serviceNames = serviceNames
        self.budgets = budgets
        self.monthly = monthly
        self.daily = daily
        self.asOf = asOf
        self.explanations = explanations
    }

    /// The six months the service chart shows, from this one.
    public static func historyStart(of month: LocalDate) -> LocalDate { month.firstOfMonth.adding(months: -5) }

    /// The complete days the projections measure: the 30 before the month's end, or before today
    /// while the month runs.
    public static func runRateWindow(of month: LocalDate, now: Date) -> (from: LocalDate, to: LocalDate) {
        let end = min(month.firstOfMonth.adding(months: 1), LocalDate(now))
        return (end.adding(days: -RunRate.windowDays), end)
    }

    public func build() -> MonthlyReport {
        let complete = LocalDate(now) >= month.adding(months: 1)
        let currencies = Set(connections.map(\.currency)).sorted()
        return MonthlyReport(organizationId: organizationId, month: month, complete: complete, asOf: asOf,
                             currencies: currencies.map(section))
    }

    // MARK: - One currency

    private struct Key: Hashable {
        let month: LocalDate
        let connection: UUID
        let service: UUID
    }

    private func section(_ currency: String) -> MonthlyReport.CurrencySection {
        let connections = self.connections.filter { $0.currency == currency }.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let ids = Set(connections.map(\.id))
        var lines: [Key: Cents] = [:]
        for row in monthly where ids.contains(row.cost.connectionId) && row.cost.currency == currency {
            lines[Key(month: row.month, connection: row.cost.connectionId, service: row.cost.serviceId), default: .zero]
                += Cents(rounding: row.cost.figures.billed)
        }
        let previous = month.adding(months: -1)
        var byConnection: [MonthConnection: [UUID: Cents]] = [:]
        for (key, cents) in lines { byConnection[MonthConnection(month: key.month, connection: key.connection), default: [:]][key.service] = cents }
        func cost(_ month: LocalDate, connection: UUID, services: [UUID] = []) -> Cents {
            let costs = byConnection[MonthConnection(month: month, connection: connection)] ?? [:]
            return services.isEmpty ? costs.values.sum() : services.compactMap { costs[$0] }.sum()
        }

        let budgets = self.budgets.filter { ids.contains($0.connectionId) && $0.takesPart(in: month) }
        let counting = OrganizationBudget.counting(budgets, in: month)
        let budgetLines = budgets.sorted { ($0.connectionName, $0.name, $0.id.uuidString) < ($1.connectionName, $1.name, $1.id.uuidString) }
            .map { budget in
                let share = budget.monthlyShare(of: month) ?? .zero
                let actual = budget.tagFilters.isEmpty
                    ? cost(month, connection: budget.connectionId, services: budget.serviceIds) : taggedBudgetCosts[budget.id] ?? .zero
                return MonthlyReport.BudgetLine(
                    budgetId: budget.id, name: budget.name, connectionId: budget.connectionId, connectionName: budget.connectionName,
                    timeRange: budget.timeRange, serviceScoped: !budget.serviceIds.isEmpty, monthlyBudget: share, actual: actual,
                    variance: Variance(actual: actual, budget: share), countsTowardTotal: counting[budget.connectionId]?.id == budget.id,
                    explanation: explanations[budget.id], tagFilters: budget.tagFilters)
            }

        let connectionCosts = connections.map { (connection: $0, cost: cost(month, connection: $0.id), previous: cost(previous, connection: $0.id)) }
        let totalCost = connectionCosts.map(\.cost).sum()
        let previousTotal = connectionCosts.map(\.previous).sum()
        let budgetedCost = connectionCosts.filter { counting[$0.connection.id] != nil }.map(\.cost).sum()
        let totalBudget = counting.values.compactMap { $0.monthlyShare(of: month) }.sum()
        let connectionLines = connectionCosts.map {
            MonthlyReport.ConnectionLine(connectionId: $0.connection.id, name: $0.connection.name, cost: $0.cost, previousMonthCost: $0.previous,
                                         change: Percentages.change(from: $0.previous, to: $0.cost),
                                         share: Percentages.of($0.cost, in: totalCost), budgeted: counting[$0.connection.id] != nil)
        }
        let names = Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) })
        let serviceKeys = Set(lines.keys.filter { $0.month == month || $0.month == previous }
            .map { ServiceKey(connection: $0.connection, service: $0.service) })
        let serviceLines = serviceKeys.map { key in
            let now = lines[Key(month: month, connection: key.connection, service: key.service)] ?? .zero
            let before = lines[Key(month: previous, connection: key.connection, service: key.service)] ?? .zero
            return MonthlyReport.ServiceLine(
                connectionId: key.connection, connectionName: names[key.connection] ?? "", serviceId: key.service,
                serviceName: serviceNames[key.service] ?? "(unknown service)", cost: now, previousMonthCost: before,
                change: Percentages.change(from: before, to: now), share: Percentages.of(now, in: totalCost))
        }.sorted { ($1.cost, $0.connectionName, $0.serviceName) < ($0.cost, $1.connectionName, $1.serviceName) }

        let (days, dailyBudget) = self.days(currency: currency, connections: ids, totalBudget: totalBudget)
        let runRate = self.runRate(currency: currency, connections: ids)
        return MonthlyReport.CurrencySection(
            currency: currency, totalCost: totalCost, budgetedCost: budgetedCost, totalBudget: totalBudget,
            unbudgetedCost: totalCost - budgetedCost, variance: Variance(actual: budgetedCost, budget: totalBudget),
            previousMonthCost: previousTotal, change: Percentages.change(from: previousTotal, to: totalCost),
            budgets: budgetLines, connections: connectionLines, services: serviceLines,
            nextMonth: outlook(from: month.adding(months: 1), months: 1, currency: currency, runRate: runRate),
            nextQuarter: outlook(from: Self.nextQuarter(after: month), months: 3, currency: currency, runRate: runRate),
            budgetAccuracy: Share(count: budgetLines.filter { $0.variance.percentage.map { abs($0) <= 10 } ?? false }.count,
                                  total: budgetLines.count),
            budgetAdherence: Share(count: budgetLines.filter { $0.actual <= $0.monthlyBudget }.count, total: budgetLines.count),
            risks: Risk.assess(totalChange: Percentages.change(from: previousTotal, to: totalCost),
                               connections: connectionLines.map { ($0.name, $0.change) },
                               budgets: budgetLines.map { ($0.name, $0.variance) }),
            history: history(lines: lines), days: days, dailyBudget: dailyBudget)
    }

    private struct MonthConnection: Hashable {
        let month: LocalDate
        let connection: UUID
    }

    private struct ServiceKey: Hashable {
        let connection: UUID
        let service: UUID
    }

    /// The first month of the calendar quarter after the one `month` is in.
    public static func nextQuarter(after month: LocalDate) -> LocalDate {
        let quarterStart = LocalDate(year: month.year, month: (month.month - 1) / 3 * 3 + 1, day: 1)!
        return quarterStart.adding(months: 3)
    }

    private func outlook(from start: LocalDate, months: Int, currency: String, runRate: RunRate) -> Outlook {
        let monthsAhead = (0..<months).map { start.adding(months: $0) }
        // The same rule as each month's own report: one deleted during a month still counts for it.
        let budget = monthsAhead.map { OrganizationBudget.total(budgets, in: $0)[currency] ?? .zero }.sum()
        let end = start.adding(months: months).adding(days: -1)
        let days = start.days(until: end) + 1
        return Outlook(start: start, end: end, budget: budget, projection: runRate.projection(days: days), method: runRate.method(days: days))
    }

    private func runRate(currency: String, connections: Set<UUID>) -> RunRate {
        var window = Self.runRateWindow(of: month, now: now)
        if let firstCostDay { window.from = min(max(window.from, firstCostDay), window.to) }
        let cost = daily.filter { connections.contains($0.connectionId) && $0.currency == currency && $0.day >= window.from && $0.day < window.to }
            .map { Cents(rounding: $0.figures.billed) }.sum()
        return RunRate(from: window.from, to: window.to, cost: cost)
    }

    /// Each day of the month up to today, with the month's budget spread over all its days.
    private func days(currency: String, connections: Set<UUID>, totalBudget: Cents) -> ([MonthlyReport.DayCost], Cents) {
        let length = LocalDate.daysIn(year: month.year, month: month.month)
        let lastDay = min(month.adding(days: length - 1), LocalDate(now))
        var byDay: [LocalDate: Cents] = [:]
        for row in daily where connections.contains(row.connectionId) && row.currency == currency && row.day.firstOfMonth == month {
            byDay[row.day, default: .zero] += Cents(rounding: row.figures.billed)
        }
        let count = max(0, month.days(until: lastDay) + 1)
        let days = (0..<count).map { offset in
            let day = month.adding(days: offset)
            return MonthlyReport.DayCost(day: day, cost: byDay[day] ?? .zero)
        }
        return (days, Cents(rounding: totalBudget.decimal / Decimal(length)))
    }

    private func history(lines: [Key: Cents]) -> MonthlyReport.ServiceHistory {
        let months = (0..<6).map { Self.historyStart(of: month).adding(months: $0) }
        var byName: [String: [Cents]] = [:]
        let connectionNames = Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) })
        // The same service name on two connections reads as two series.
        var connectionsByName: [String: Set<UUID>] = [:]
        for key in lines.keys { connectionsByName[serviceNames[key.service] ?? "(unknown service)", default: []].insert(key.connection) }
        for (key, cents) in lines {
            guard let index = months.firstIndex(of: key.month) else { continue }
            var name = serviceNames[key.service] ?? "(unknown service)"
            if (connectionsByName[name]?.count ?? 0) > 1 { name += " (\(connectionNames[key.connection] ?? ""))" }
            byName[name, default: Array(repeating: .zero, count: 6)][index] += cents
        }
        let ranked = byName.sorted { ($1.value.sum(), $0.key) < ($0.value.sum(), $1.key) }
        let top = ranked.prefix(8)
        var other = Array(repeating: Cents.zero, count: 6)
        for (_, costs) in ranked.dropFirst(8) { for i in 0..<6 { other[i] += costs[i] } }
        return MonthlyReport.ServiceHistory(months: months, series: top.map { ($0.key, $0.value) }, other: other)
    }
}
