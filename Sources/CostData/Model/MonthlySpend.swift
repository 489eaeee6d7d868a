public import Foundation
public import Kernel

/// What a scope spent: billed and amortized.
public struct SpendFigures: Sendable, Equatable {
    /// Cash as invoiced: FOCUS `BilledCost`. "Actual spend".
    public var billed: Decimal
    /// Amortized: FOCUS `EffectiveCost`. "Actual cost".
    public var effective: Decimal

    public init(billed: Decimal = 0, effective: Decimal = 0) {
        self.billed = billed
        self.effective = effective
    }

    public static let zero = SpendFigures()
}

/// Billed and effective spend per connection, service and month, in exact fixed point: one
/// aggregate serves a whole evaluation pass, since every budget period is whole months. A line
/// item counts in the month its charge period starts in.
public struct MonthlySpend: Sendable {
    struct Key: Hashable {
        let connection: UUID
        let month: Int  // year * 12 + month - 1
    }

    /// Per connection and month: per service, (billed, effective) in 10⁻¹¹ units.
    var buckets: [Key: [UUID: (billed: Int128, effective: Int128)]] = [:]

    public init() {}

    /// Adds to what the connection's service already has in the month (a tag read gives several rows for one).
    mutating func add(connection: UUID, month: Int, service: UUID, billed: Int128, effective: Int128) {
        let current = buckets[Key(connection: connection, month: month)]?[service] ?? (0, 0)
        buckets[Key(connection: connection, month: month), default: [:]][service] = (current.billed + billed, current.effective + effective)
    }

    /// The figures of one connection's months in `period`, of the given services (all when empty).
    public func figures(connectionId: UUID, serviceIds selected: [UUID], in period: BudgetPeriod) -> SpendFigures {
        var billed: Int128 = 0
        var effective: Int128 = 0
        var month = period.start.year * 12 + period.start.month - 1
        let last = period.end.year * 12 + period.end.month - 1
        while month <= last {
            if let services = buckets[Key(connection: connectionId, month: month)] {
                if selected.isEmpty {
                    for value in services.values {
                        billed += value.billed
                        effective += value.effective
                    }
                } else {
                    for id in selected {
                        if let value = services[id] {
                            billed += value.billed
                            effective += value.effective
                        }
                    }
                }
            }
            month += 1
        }
        return SpendFigures(billed: FixedAmount.decimal(billed), effective: FixedAmount.decimal(effective))
    }
}
