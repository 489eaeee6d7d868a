public import CostData
public import Foundation
public import Kernel

/// A budget as reports see it: its scope, its amount and when it takes part.
public struct ReportBudget: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var connectionId: UUID
    public var connectionName: String
    public var currency: String
    public var timeRange: TimeRange
    public var startMonth: LocalDate
    public var amount: Decimal
    /// The services it watches; empty for the whole connection.
    public var serviceIds: [UUID]
    /// The tags its costs must carry (keys AND, values OR); empty for any.
    public var tagFilters: [TagFilter]
    public var createdAt: Date
    public var deletedAt: Date?

    public init(id: UUID, name: String, connectionId: UUID, connectionName: String, currency: String, timeRange: TimeRange,
                startMonth: LocalDate, amount: Decimal, serviceIds: [UUID], createdAt: Date, deletedAt: Date?, tagFilters: [TagFilter] = []) {
        self.id = id
        self.name = name
        self.connectionId = connectionId
        self.connectionName = connectionName
        self.currency = currency
        self.timeRange = timeRange
        self.startMonth = startMonth
        self.amount = amount
        self.serviceIds = serviceIds
        self.tagFilters = tagFilters
        self.createdAt = createdAt
        self.deletedAt = deletedAt
    }

    /// Watches the whole connection: no service selected, no tag filter.
    public var isConnectionWide: Bool { serviceIds.isEmpty && tagFilters.isEmpty }

    /// From its start month on, while it is live: one deleted during `month` still takes part in
    /// it, one deleted before it does not.
    public func takesPart(in month: LocalDate) -> Bool {
        guard startMonth.firstOfMonth <= month else { return false }
        guard let deletedAt else { return true }
        return LocalDate(deletedAt) >= month.firstOfMonth
    }

    /// Its share of `month`: monthly → the amount; quarterly → a third; yearly → a twelfth. The
    /// cents of one period are split so that its months add up to the amount exactly, the
    /// remainder cents going to the earliest months. `nil` when it does not take part.
    public func monthlyShare(of month: LocalDate) -> Cents? {
        guard takesPart(in: month) else { return nil }
        let period = BudgetPeriod.containing(month, startMonth: startMonth, timeRange: timeRange)
        let index = period.start.months(until: month.firstOfMonth)
        return Cents(rounding: amount).split(into: timeRange.months)[index]
    }
}

/// Which budgets make up the organization's monthly budget.
public enum OrganizationBudget {
    /// For each connection, its connection-wide budget with the shortest period (monthly before
    /// quarterly before yearly; ties: the oldest) among those taking part in `month`. Budgets of some
    /// services or tags never count: they overlap the connection-wide one.
    public static func counting(_ budgets: [ReportBudget], in month: LocalDate) -> [UUID: ReportBudget] {
        var chosen: [UUID: ReportBudget] = [:]
        for budget in budgets where budget.isConnectionWide && budget.takesPart(in: month) {
            guard let current = chosen[budget.connectionId] else {
                chosen[budget.connectionId] = budget
                continue
            }
            let shorter = budget.timeRange.months < current.timeRange.months
            let older = budget.timeRange.months == current.timeRange.months
                && (budget.createdAt, budget.id.uuidString) < (current.createdAt, current.id.uuidString)
            if shorter || older { chosen[budget.connectionId] = budget }
        }
        return chosen
    }

    /// The sum of the counting budgets' shares of `month`, per currency.
    public static func total(_ budgets: [ReportBudget], in month: LocalDate) -> [String: Cents] {
        var totals: [String: Cents] = [:]
        for budget in counting(budgets, in: month).values {
            totals[budget.currency, default: .zero] += budget.monthlyShare(of: month) ?? .zero
        }
        return totals
    }

    /// The rule in one sentence, for the page.
    public static let rule = """
        The organization's budget is, for each connection, its connection-wide budget with the shortest period \
        (monthly, then quarterly, then yearly; the oldest first), counted by its monthly share; budgets of some services \
        or tags are shown with their own variance but not added, and cost on connections without a budget is unbudgeted.
        """
}
