public import CostData
public import Foundation
public import Kernel

/// The daily cost dashboard (section 4.1): a day's spend against the daily budget, the month so
/// far against the monthly budget, the services and the top cost drivers, the month's threshold
/// alerts, and the connections whose data stopped arriving. A day still running is partial: `asOf`.
public struct DailyDashboard: Sendable, Equatable {
    public let organizationId: UUID
    public let date: LocalDate
    /// The day is over.
    public let complete: Bool
    public let asOf: Date?
    public let currencies: [Section]
    public let alerts: [AlertLine]
    public let staleConnections: [StaleConnection]

    public struct Section: Sendable, Equatable {
        public let currency: String
        public let today: Cents
        /// The month's organization budget over its days.
        public let dailyBudget: Cents
        public let monthToDate: Cents
        public let monthlyBudget: Cents
        /// The month's end at the run rate of its complete days so far; `nil` before the first is complete.
        public let runRateMonthEnd: Cents?
        public let runRateMethod: String
        public let services: [ServiceDay]
        /// The five services that cost most this month so far, beside the same days of last month.
        public let topDrivers: [Driver]
    }

    public struct ServiceDay: Sendable, Equatable {
        public let connectionName: String
        public let serviceName: String
        public let today: Cents
        public let monthToDate: Cents
    }

    public struct Driver: Sendable, Equatable {
        public let connectionName: String
        public let serviceName: String
        public let monthToDate: Cents
        public let sameDaysLastMonth: Cents
        public let change: Decimal?
    }

    public struct AlertLine: Sendable, Equatable {
        public let budgetId: UUID
        public let budgetName: String
        public let thresholdPercentage: Decimal
        public let triggerType: String
        public let figure: Decimal
        public let currency: String
        public let breachedAt: Date
    }

    /// A connection with budgets whose newest charge ended more than 48 hours ago (or that has none):
    /// its budgets are evaluated against data that stopped arriving.
    public struct StaleConnection: Sendable, Equatable {
        public let connectionId: UUID
        public let name: String
        public let newestCharge: Date?
        /// Whole hours since the newest charge.
        public let hoursSince: Int?

        /// The connections of `budgeted` that are stale at `now` (`ChargeFreshness`).
        public static func find(_ budgeted: [ReportConnection], newestCharges: [UUID: Date], now: Date) -> [StaleConnection] {
            budgeted.compactMap { connection in
                let newest = newestCharges[connection.id]
                guard ChargeFreshness.isStale(newestCharge: newest, now: now) else { return nil }
                return StaleConnection(connectionId: connection.id, name: connection.name, newestCharge: newest,
                                       hoursSince: newest.map { ChargeFreshness.hoursSince($0, now: now) })
            }
        }
    }
}

/// Builds a `DailyDashboard` from totals the storage read.
public struct DailyDashboardBuilder: Sendable {
    public var organizationId: UUID
    public var date: LocalDate
    public var now: Date
    public var connections: [ReportConnection]
    public var serviceNames: [UUID: String]
    public var budgets: [ReportBudget]
    /// Services' totals of the day, of the month up to and including the day, and of the same days last month.
    public var today: [ServiceCost]
    public var monthToDate: [ServiceCost]
    public var sameDaysLastMonth: [ServiceCost]
    /// Services' totals of the month's complete days (see `completeDays`).
    public var completeDaysCost: [ServiceCost]
    public var asOf: Date?
    public var alerts: [DailyDashboard.AlertLine]
    public var staleConnections: [DailyDashboard.StaleConnection]

    public init(organizationId: UUID, date: LocalDate, now: Date, connections: [ReportConnection], serviceNames: [UUID: String],
                budgets: [ReportBudget], today: [ServiceCost], monthToDate: [ServiceCost], sameDaysLastMonth: [ServiceCost],
                completeDaysCost: [ServiceCost], asOf: Date?, alerts: [DailyDashboard.AlertLine],
                staleConnections: [DailyDashboard.StaleConnection]) {
        self.organizationId = organizationId
        self.date = date
        self.now = now
        self.connections = connections
        self.serviceNames = serviceNames
        self.budgets = budgets
        self.today = today
        self.monthToDate = monthToDate
        self.sameDaysLastMonth = sameDaysLastMonth
        self.completeDaysCost = completeDaysCost
        self.asOf = asOf
        self.alerts = alerts
        self.staleConnections = staleConnections
    }

    /// The month's days that are over on `date`: up to and including it once it is past, up to
    /// the day before while it runs. `from` up to (not including) `to`.
    public static func completeDays(of date: LocalDate, now: Date) -> (from: LocalDate, to: LocalDate) {
        let today = LocalDate(now)
        return (date.firstOfMonth, date < today ? date.adding(days: 1) : max(date.firstOfMonth, today))
    }

    /// The same days of the previous month: its 1st up to the same day number (or its end).
    public static func sameDaysLastMonth(of date: LocalDate) -> (from: LocalDate, to: LocalDate) {
        let start = date.firstOfMonth.adding(months: -1)
        let length = LocalDate.daysIn(year: start.year, month: start.month)
        return (start, start.adding(days: min(date.day, length)))
    }

    public func build() -> DailyDashboard {
        let month = date.firstOfMonth
        let days = LocalDate.daysIn(year: month.year, month: month.month)
        let window = Self.completeDays(of: date, now: now)
        let completeCount = window.from.days(until: window.to)
        let names = Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) })
        let sections = Set(connections.map(\.currency)).sorted().map { currency -> DailyDashboard.Section in
            let ids = Set(connections.filter { $0.currency == currency }.map(\.id))
            func byService(_ costs: [ServiceCost]) -> [ServiceKey: Cents] {
                var result: [ServiceKey: Cents] = [:]
                for cost in costs where ids.contains(cost.connectionId) && cost.currency == currency {
                    result[ServiceKey(connection: cost.connectionId, service: cost.serviceId), default: .zero] += Cents(rounding: cost.figures.billed)
                }
                return result
            }
            let today = byService(self.today)
            let monthToDate = byService(self.monthToDate)
            let lastMonth = byService(sameDaysLastMonth)
            let complete = byService(completeDaysCost).values.sum()
            let monthlyBudget = OrganizationBudget.total(budgets.filter { ids.contains($0.connectionId) }, in: month)[currency] ?? .zero
            let services = Set(today.keys).union(monthToDate.keys).map { key in
                DailyDashboard.ServiceDay(connectionName: names[key.connection] ?? "", serviceName: serviceNames[key.service] ?? "(unknown service)",
                                          today: today[key] ?? .zero, monthToDate: monthToDate[key] ?? .zero)
            }.sorted { ($1.monthToDate, $0.connectionName, $0.serviceName) < ($0.monthToDate, $1.connectionName, $1.serviceName) }
            let largest = monthToDate.sorted { ($1.value, $0.key.service.uuidString) < ($0.value, $1.key.service.uuidString) }
            let drivers = largest.prefix(5).map { key, cost in
                let before = lastMonth[key] ?? .zero
                return DailyDashboard.Driver(connectionName: names[key.connection] ?? "",
                                             serviceName: serviceNames[key.service] ?? "(unknown service)",
                                             monthToDate: cost, sameDaysLastMonth: before, change: Percentages.change(from: before, to: cost))
            }
            let runRate = RunRate(from: window.from, to: window.to, cost: complete)
            return DailyDashboard.Section(
                currency: currency, today: today.values.sum(), dailyBudget: Cents(rounding: monthlyBudget.decimal / Decimal(days)),
                monthToDate: monthToDate.values.sum(), monthlyBudget: monthlyBudget,
                runRateMonthEnd: completeCount > 0 ? runRate.projection(days: days) : nil, runRateMethod: runRate.method(days: days),
                services: services, topDrivers: Array(drivers))
        }
        return DailyDashboard(organizationId: organizationId, date: date, complete: date < LocalDate(now), asOf: asOf, currencies: sections,
                              alerts: alerts, staleConnections: staleConnections)
    }

    struct ServiceKey: Hashable {
        let connection: UUID
        let service: UUID
    }
}
