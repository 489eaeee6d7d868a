import Kernel

/// Which spend figure a threshold rule compares.
///
/// `actual spend` is cash as invoiced (FOCUS `BilledCost`); `actual cost` is amortized cost with
/// commitments spread over their term (FOCUS `EffectiveCost`); `forecasted cost` is the run-rate
/// forecast of billed spend at the end of the period, so people hear before the money is spent.
public enum TriggerType: String, CaseIterable, Sendable {
    case actualCost = "actual cost"
    case actualSpend = "actual spend"
    case forecastedCost = "forecasted cost"

    /// For people: "Actual spend (as billed)".
    public var label: String {
        switch self {
        case .actualSpend: "Actual spend (as billed)"
        case .actualCost: "Actual cost (amortized)"
        case .forecastedCost: "Forecasted cost (end of period)"
        }
    }
}
