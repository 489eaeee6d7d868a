public import Foundation

/// One usage figure of a month (framework 2.3's "usage metrics for allocation"): how much of a
/// metric one value used, such as 1,200 thousand API calls by engineering.
public struct UsageFigure: Sendable, Equatable {
    public let metric: String
    public let value: String
    public let quantity: Decimal

    public init(metric: String, value: String, quantity: Decimal) {
        self.metric = metric
        self.value = value
        self.quantity = quantity
    }

    public static let maximumFigures = 1000
    /// Metric names are identifiers: `apiCalls`, `storageGB`, `computeHours`, `databaseQueries`.
    public static func isMetricName(_ name: String) -> Bool {
        func letter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        guard let first = name.unicodeScalars.first, letter(first), name.unicodeScalars.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
