public import Foundation

/// Whether a connection's billing data still arrives: the spec makes evaluation depend on healthy
/// connections, so a connection whose newest charge ended more than 48 hours ago (or that has no
/// charge at all) is stale, on the daily dashboard and on its budgets' pages alike.
public enum ChargeFreshness {
    public static let staleAfterHours = 48

    public static func isStale(newestCharge: Date?, now: Date) -> Bool {
        guard let newestCharge else { return true }
        return now.timeIntervalSince(newestCharge) > Double(staleAfterHours * 3600)
    }

    /// Whole hours since the newest charge ended.
    public static func hoursSince(_ newestCharge: Date, now: Date) -> Int { Int(now.timeIntervalSince(newestCharge) / 3600) }
}
