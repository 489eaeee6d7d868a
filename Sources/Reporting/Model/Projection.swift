public import Foundation
public import Kernel

/// A forward figure from the recent daily run rate: the cost of the last complete days, per day,
/// times the days of the period ahead.
public struct RunRate: Sendable, Equatable {
    /// The complete days measured: `from` up to (not including) `to`.
    public let from: LocalDate
    public let to: LocalDate
    public let cost: Cents

    /// The 30 complete days before `end` (exclusive): a month's report measures up to its last
    /// day, or up to today (today's charges are still coming in).
    public static let windowDays = 30

    public init(from: LocalDate, to: LocalDate, cost: Cents) {
        self.from = from
        self.to = to
        self.cost = cost
    }

    public var days: Int { from.days(until: to) }

    /// The projection for a period of `days` days, to the cent; `nil` without a measured day.
    public func projection(days periodDays: Int) -> Cents? {
        guard days > 0 else { return nil }
        return Cents(rounding: Decimal(cost.value) * Decimal(periodDays) / Decimal(days) / 100)
    }

    /// The method, said on the page and in the JSON.
    public func method(days periodDays: Int) -> String {
        guard days > 0 else { return "no complete day with cost to measure a run rate from yet" }
        return "the daily run rate of the \(days) complete day\(days == 1 ? "" : "s") \(from.iso) to \(to.adding(days: -1).iso) × \(periodDays) days"
    }
}

/// A period ahead: its budget (the organization's rule, month by month) and its projection.
public struct Outlook: Sendable, Equatable {
    public let start: LocalDate
    /// Inclusive.
    public let end: LocalDate
    public let budget: Cents
    public let projection: Cents?
    public let method: String

    public init(start: LocalDate, end: LocalDate, budget: Cents, projection: Cents?, method: String) {
        self.start = start
        self.end = end
        self.budget = budget
        self.projection = projection
        self.method = method
    }
}

/// One finding of the risk assessment (section 6.3).
public struct Risk: Sendable, Equatable {
    public enum Level: String, Sendable {
        case high
        case medium
        case low
    }

    public let level: Level
    public let subject: String
    public let reason: String

    public init(level: Level, subject: String, reason: String) {
        self.level = level
        self.subject = subject
        self.reason = reason
    }

    /// High when cost grew more than 25 % over the previous month; medium when a budget's variance
    /// exceeds 15 % either way; one low finding when neither is true of anything.
    public static func assess(totalChange: Decimal?, connections: [(name: String, change: Decimal?)],
                              budgets: [(name: String, variance: Variance)]) -> [Risk] {
        var risks: [Risk] = []
        if let totalChange, totalChange > 25 {
            risks.append(Risk(level: .high, subject: "All connections", reason: "cost grew \(text(totalChange)) % over the previous month"))
        }
        for connection in connections {
            guard let change = connection.change, change > 25 else { continue }
            risks.append(Risk(level: .high, subject: connection.name, reason: "cost grew \(text(change)) % over the previous month"))
        }
        for budget in budgets {
            guard let percentage = budget.variance.percentage, abs(percentage) > 15 else { continue }
            let side = budget.variance.direction == .unfavorable ? "over" : "under"
            risks.append(Risk(level: .medium, subject: budget.name,
                              reason: "\(text(abs(percentage))) % \(side) its budget (a variance beyond 15 %)"))
        }
        if risks.isEmpty {
            risks.append(Risk(level: .low, subject: "All connections",
                              reason: "cost grew at most 25 % over the previous month and every variance is within 15 %"))
        }
        return risks
    }

    private static func text(_ value: Decimal) -> String { MoneyFormat.grouped(value, fractionDigits: 2) }
}
