public import Foundation
public import Kernel

/// What one connection's service cost over a window, in the connection's billing currency.
public struct ServiceCost: Sendable, Equatable {
    public var connectionId: UUID
    public var serviceId: UUID
    public var currency: String
    public var figures: SpendFigures

    public init(connectionId: UUID, serviceId: UUID, currency: String, figures: SpendFigures) {
        self.connectionId = connectionId
        self.serviceId = serviceId
        self.currency = currency
        self.figures = figures
    }
}

/// What one connection's service cost in one calendar month (charges starting in it).
public struct MonthlyServiceCost: Sendable, Equatable {
    /// The first of the month.
    public var month: LocalDate
    public var cost: ServiceCost

    public init(month: LocalDate, cost: ServiceCost) {
        self.month = month
        self.cost = cost
    }
}

/// What one connection cost on one day (charges starting that day, UTC).
public struct DailyConnectionCost: Sendable, Equatable {
    public var day: LocalDate
    public var connectionId: UUID
    public var currency: String
    public var figures: SpendFigures

    public init(day: LocalDate, connectionId: UUID, currency: String, figures: SpendFigures) {
        self.day = day
        self.connectionId = connectionId
        self.currency = currency
        self.figures = figures
    }
}
