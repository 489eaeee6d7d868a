public import Foundation
public import Logging
public import MariaDB
public import Templating

/// Evaluates thresholds right after something changed them, in the request that changed it: a
/// budget created or edited, a connection's costs imported. The change is already committed, so a
/// failed evaluation is logged, not answered: the worker's scheduled pass picks the budget up.
public struct AlertTrigger: Sendable {
    let templates: TemplateLibrary
    let settings: BudgetAlertSettings

    public init(templates: TemplateLibrary, settings: BudgetAlertSettings) {
        self.templates = templates
        self.settings = settings
    }

    /// - Returns: what the pass did, or `nil` when it failed (and was logged).
    @discardableResult
    public func evaluate(_ scope: EvaluationScope, connection: Connection, now: Date, logger: Logger) -> EvaluationReport? {
        do {
            let report = try Evaluator(connection: connection, templates: templates, settings: settings, logger: logger).run(scope, now: now)
            if report.breaches > 0 || report.rearmed > 0 {
                logger.info("evaluated", metadata: ["scope": "\(scope)", "result": "\(report.summary)"])
            }
            return report
        } catch {
            logger.warning("evaluation after a change failed; the scheduled pass will retry", metadata: ["scope": "\(scope)", "error": "\(error)"])
            return nil
        }
    }
}
