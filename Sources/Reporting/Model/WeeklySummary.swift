public import CostData
public import Foundation
public import Kernel

/// The weekly cost summary (section 4.1): the week's total against the previous week, its seven
/// days, and the services that rose and fell most.
public struct WeeklySummary: Sendable, Equatable {
    public let organizationId: UUID
    public let week: ISOWeek
    public let complete: Bool
    public let asOf: Date?
    public let currencies: [Section]

    public struct Section: Sendable, Equatable {
        public let currency: String
        public let total: Cents
        public let previousTotal: Cents
        public let change: Decimal?
        public let days: [MonthlyReport.DayCost]
        /// The five whose cost rose most (by amount), and the five that fell most.
        public let rose: [ServiceChange]
        public let fell: [ServiceChange]
    }

    public struct ServiceChange: Sendable, Equatable {
        public let connectionName: String
        public let serviceName: String
        public let thisWeek: Cents
        public let previousWeek: Cents
        public var difference: Cents { thisWeek - previousWeek }
        public var change: Decimal? { Percentages.change(from: previousWeek, to: thisWeek) }
    }

    /// - Parameters:
    ///   - thisWeek, previousWeek: service totals of the two weeks.
    ///   - daily: connection totals of the week's days.
    public static func build(organizationId: UUID, week: ISOWeek, now: Date, connections: [ReportConnection], serviceNames: [UUID: String],
                             thisWeek: [ServiceCost], previousWeek: [ServiceCost], daily: [DailyConnectionCost], asOf: Date?) -> WeeklySummary {
        let names = Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) })
        let sections = Set(connections.map(\.currency)).sorted().map { currency -> Section in
            let ids = Set(connections.filter { $0.currency == currency }.map(\.id))
            func byService(_ costs: [ServiceCost]) -> [DailyDashboardBuilder.ServiceKey: Cents] {
                var result: [DailyDashboardBuilder.ServiceKey: Cents] = [:]
                for cost in costs where ids.contains(cost.connectionId) && cost.currency == currency {
                    result[.init(connection: cost.connectionId, service: cost.serviceId), default: .zero] += Cents(rounding: cost.figures.billed)
                }
                return result
            }
            let now = byService(thisWeek)
            let before = byService(previousWeek)
            let changes = Set(now.keys).union(before.keys).map { key in
                ServiceChange(connectionName: names[key.connection] ?? "", serviceName: serviceNames[key.service] ?? "(unknown service)",
                              thisWeek: now[key] ?? .zero, previousWeek: before[key] ?? .zero)
            }
            var byDay: [LocalDate: Cents] = [:]
            for row in daily where ids.contains(row.connectionId) && row.currency == currency {
                byDay[row.day, default: .zero] += Cents(rounding: row.figures.billed)
            }
            let total = now.values.sum()
            let previousTotal = before.values.sum()
            return Section(
                currency: currency, total: total, previousTotal: previousTotal, change: Percentages.change(from: previousTotal, to: total),
                days: (0..<7).map { MonthlyReport.DayCost(day: week.start.adding(days: $0), cost: byDay[week.start.adding(days: $0)] ?? .zero) },
                rose: Array(changes.filter { $0.difference > .zero }
                    .sorted { ($1.difference, $0.serviceName) < ($0.difference, $1.serviceName) }.prefix(5)),
                fell: Array(changes.filter { $0.difference < .zero }
                    .sorted { ($0.difference, $0.serviceName) < ($1.difference, $1.serviceName) }.prefix(5)))
        }
        return WeeklySummary(organizationId: organizationId, week: week, complete: LocalDate(now) > week.end, asOf: asOf, currencies: sections)
    }
}
