import Foundation
import Kernel

/// A value axis for the server-drawn SVG charts: from 0 (or a negative minimum) to a round
/// maximum just above the data, in at most 6 steps of 1, 2, 2.5 or 5 × 10ⁿ (the smallest step that
/// fits, so the axis ends close to the data), each tick labelled with as many decimals as its step
/// needs (so 0, 0.5 and 1 read $0.00, $0.50, $1.00, not $1.00 twice).
public struct ChartScale: Sendable, Equatable {
    public static let maximumSteps = 6

    public let minimum: Double
    public let maximum: Double
    public let step: Double

    public init(minimum dataMinimum: Double = 0, maximum dataMaximum: Double) {
        let low = min(0, dataMinimum)
        let high = max(dataMaximum, low + 0.01)
        let magnitude = pow(10, floor(log10((high - low) / Double(Self.maximumSteps))))
        let candidates = [1, 2, 2.5, 5, 10, 20].map { $0 * magnitude }
        let step = candidates.first { ((high / $0).rounded(.up) - (low / $0).rounded(.down)) <= Double(Self.maximumSteps) }
            ?? candidates[candidates.count - 1]
        self.step = step
        minimum = (low / step).rounded(.down) * step
        maximum = (high / step).rounded(.up) * step
    }

    /// The tick values, from the minimum to the maximum.
    public var ticks: [Double] {
        let count = Int(((maximum - minimum) / step).rounded())
        return (0...count).map { minimum + Double($0) * step }
    }

    /// Decimals the labels need: none for whole steps, otherwise two (money's cents).
    public var fractionDigits: Int { step.rounded() == step ? 0 : 2 }

    /// `$1,000`, `$0.50`.
    public func label(_ value: Double, currency: String) -> String {
        let amount = MoneyFormat.amount(Decimal(value).rounded(fractionDigits), currency: currency)
        return fractionDigits == 0 && amount.hasSuffix(".00") ? String(amount.dropLast(3)) : amount
    }

    /// A coordinate written into SVG: one decimal is sharper than any screen.
    public static func svg(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Where `value` lies between `low` (at the minimum) and `high` (at the maximum) on the screen.
    public func position(_ value: Double, from low: Double, to high: Double) -> Double {
        guard maximum > minimum else { return low }
        return low + (high - low) * (value - minimum) / (maximum - minimum)
    }
}
