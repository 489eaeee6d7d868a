import Kernel

/// What one evaluation pass did, for logs and the `evaluate` command.
public struct EvaluationReport: Sendable, Equatable {
    /// Budgets evaluated.
    public var budgets = 0
    /// Breaches this pass recorded (another evaluator may have recorded others).
    public var breaches = 0
    /// Breaches cleared because their threshold was raised above the figure.
    public var rearmed = 0
    /// E-mails written to the outbox.
    public var messages = 0
    /// Budgets whose breaches could not be written this time (logged; the next pass retries).
    public var failed = 0
    /// Wall-clock time of the pass.
    public var duration: Duration = .zero

    public init() {}

    /// `budgets=3 breaches=1 rearmed=0 messages=2 duration_ms=12.3`
    public var summary: String {
        let milliseconds = duration.seconds * 1000
        let rounded = (milliseconds * 10).rounded() / 10
        return "budgets=\(budgets) breaches=\(breaches) rearmed=\(rearmed) messages=\(messages)"
            + (failed > 0 ? " failed=\(failed)" : "") + " duration_ms=\(rounded)"
    }
}
