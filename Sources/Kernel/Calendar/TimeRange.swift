/// How long one budget period lasts; budgets recur period after period from their start month.
public enum TimeRange: String, CaseIterable, Sendable {
    case monthly, quarterly, yearly

    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .yearly: 12
        }
    }

    /// For people: "Monthly".
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
