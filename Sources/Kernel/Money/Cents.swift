public import Foundation

/// An amount of money in whole cents: reports show every figure to the cent, so they compute in
/// cents, and a split of a budget adds up to it exactly. Costs arrive with up to 11 decimals and are
/// rounded once, half away from zero (`Decimal.rounded`), when they enter a report.
public struct Cents: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    /// `amount` to the nearest cent, halves away from zero (12.345 → 12.35, −0.005 → −0.01).
    public init(rounding amount: Decimal) {
        let rounded = amount.rounded(2) * 100
        value = NSDecimalNumber(decimal: rounded).int64Value
    }

    public static let zero = Cents(0)

    public var decimal: Decimal { Decimal(value) / 100 }

    public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
    public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }
    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

    /// `12.50` (two decimals, no grouping): what JSON and CSV carry.
    public var plainText: String {
        let magnitude = value.magnitude
        return (value < 0 ? "-" : "") + "\(magnitude / 100)." + Int(magnitude % 100).zeroPadded(2)
    }

    public var description: String { plainText }

    /// The amount split into `parts` shares that add up to it exactly: the remainder cents go to
    /// the first shares (a quarterly 100.00 is 33.34, 33.33, 33.33).
    public func split(into parts: Int) -> [Cents] {
        precondition(parts > 0)
        let base = value / Int64(parts)
        let remainder = Int(value - base * Int64(parts))
        return (0..<parts).map { index in
            Cents(base + (remainder > 0 && index < remainder ? 1 : 0) + (remainder < 0 && index < -remainder ? -1 : 0))
        }
    }
}

extension Sequence where Element == Cents {
    public func sum() -> Cents { reduce(.zero, +) }
}
