public import Foundation
public import Kernel

/// Percentages as reports show them: two decimals, halves away from zero.
public enum Percentages {
    /// `part ÷ whole × 100`; `nil` when `whole` is 0.
    public static func of(_ part: Cents, in whole: Cents) -> Decimal? {
        guard whole.value != 0 else { return nil }
        return (Decimal(part.value) * 100 / Decimal(whole.value)).rounded(2)
    }

    /// The change from `previous` to `current`: (current − previous) ÷ previous × 100; `nil` when
    /// the previous figure is 0 (a change from nothing has no percentage).
    public static func change(from previous: Cents, to current: Cents) -> Decimal? {
        of(current - previous, in: previous)
    }
}

/// How many of some things meet a target: "9 of 10 budgets (90.00 %)".
public struct Share: Sendable, Equatable {
    public let count: Int
    public let total: Int
    /// `nil` when there is nothing to count.
    public var percentage: Decimal? {
        guard total > 0 else { return nil }
        return (Decimal(count) * 100 / Decimal(total)).rounded(2)
    }

    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
    }
}
