public import Allocation
public import CostData
public import Foundation
public import Kernel

/// The monthly financial report (`financial-governance-framework.md`, section 4.1): per
/// currency, never adding two together. Every figure is in cents, computed here once; the page,
/// the JSON, the CSV files and the e-mail show these values.
public struct MonthlyReport: Sendable, Equatable {
    public let organizationId: UUID
    /// The first of the month.
    public let month: LocalDate
    /// The month is over (a running month is a report "to date").
    public let complete: Bool
    /// The end of the newest charge in the month: how current the figures are.
    public let asOf: Date?
    public let currencies: [CurrencySection]
    /// Each allocation dimension's chargeback of the month (department, project): the report's
    /// allocation sections, as `Allocation` computes them.
    public var allocations: [Chargeback] = []

    public struct CurrencySection: Sendable, Equatable {
        public let currency: String
        /// Every connection's cost in this currency.
        public let totalCost: Cents
        /// The cost of connections that have a counting budget: what the total budget is compared with.
        public let budgetedCost: Cents
        public let totalBudget: Cents
        public let unbudgetedCost: Cents
        /// budgeted cost against the total budget.
        public let variance: Variance
        public let previousMonthCost: Cents
        /// Total cost against the previous month's; `nil` when that was 0.
        public let change: Decimal?
        public let budgets: [BudgetLine]
        public let connections: [ConnectionLine]
        public let services: [ServiceLine]
        public let nextMonth: Outlook
        public let nextQuarter: Outlook
        /// Budgets whose |variance %| is at most 10 (the target: ±10 %).
        public let budgetAccuracy: Share
        /// Budgets not above budget (the target: above 90 %).
        public let budgetAdherence: Share
        public let risks: [Risk]
        public let history: ServiceHistory
        public let days: [DayCost]
        /// The month's total budget over its days, for the daily chart's line.
        public let dailyBudget: Cents

        /// The significant variances (above 10 %), largest first: the executive summary's list.
        public var keyVariances: [BudgetLine] {
            budgets.filter(\.variance.isSignificant).sorted { abs($0.variance.amount.value) > abs($1.variance.amount.value) }
        }
    }

    public struct BudgetLine: Sendable, Equatable {
        public let budgetId: UUID
        public let name: String
        public let connectionId: UUID
        public let connectionName: String
        public let timeRange: TimeRange
        /// It watches some of its connection's services.
        public let serviceScoped: Bool
        public let monthlyBudget: Cents
        public let actual: Cents
        public let variance: Variance
        /// Part of the organization's budget (see `OrganizationBudget`).
        public let countsTowardTotal: Bool
        public let explanation: Explanation?
        /// The tags its costs must carry; empty for any.
        public var tagFilters: [TagFilter] = []
    }

    public struct ConnectionLine: Sendable, Equatable {
        public let connectionId: UUID
        public let name: String
        public let cost: Cents
        public let previousMonthCost: Cents
        public let change: Decimal?
        /// Of the currency's total cost, in percent; `nil` when the total is 0.
        public let share: Decimal?
        /// It has a counting budget.
        public let budgeted: Bool
    }

    public struct ServiceLine: Sendable, Equatable {
        public let connectionId: UUID
        public let connectionName: String
        public let serviceId: UUID
        public let serviceName: String
        public let cost: Cents
        public let previousMonthCost: Cents
        public let change: Decimal?
        public let share: Decimal?
    }

    /// Cost by service over the six months up to the report's: the largest eight and "other".
    public struct ServiceHistory: Sendable, Equatable {
        public let months: [LocalDate]
        public let series: [(name: String, costs: [Cents])]
        public let other: [Cents]

        public static func == (lhs: ServiceHistory, rhs: ServiceHistory) -> Bool {
            lhs.months == rhs.months && lhs.other == rhs.other && lhs.series.map(\.name) == rhs.series.map(\.name)
                && lhs.series.map(\.costs) == rhs.series.map(\.costs)
        }

        /// Each month's total.
        public var totals: [Cents] {
            months.indices.map { i in series.map { $0.costs[i] }.sum() + other[i] }
        }
    }

    public struct DayCost: Sendable, Equatable {
        public let day: LocalDate
        public let cost: Cents
    }
}
