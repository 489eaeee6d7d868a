import BudgetCore
import Foundation
import Logging
import MariaDB
import Templating

/// What route handlers share: settings, templates, signing keys, the clock and the validator.
/// Built once; read-only; handed to every route group.
struct Services: Sendable {
    let configuration: WebConfiguration
    let templates: TemplateLibrary
    let keys: SigningKeys
    let tokens: TokenSigner
    let authenticator: Authenticator
    let validator: BudgetValidator
    let sessions: Sessions
    let pages: PageRenderer
    let alerts: AlertTrigger

    init(configuration: WebConfiguration, templates: TemplateLibrary) {
        self.configuration = configuration
        self.templates = templates
        keys = SigningKeys(secret: configuration.secret)
        tokens = TokenSigner(key: keys.apiToken, lifetime: configuration.tokenLifetime)
        authenticator = Authenticator(tokens: tokens)
        validator = BudgetValidator(triggerTypes: configuration.triggerTypes)
        sessions = Sessions(keys: keys, lifetime: configuration.sessionLifetime)
        pages = PageRenderer(templates: templates, sessions: sessions)
        alerts = AlertTrigger(templates: templates, settings: configuration.alerts)
    }

    /// The budget use cases on this request's connection.
    func budgets(_ connection: Connection, logger: Logger) -> BudgetService {
        BudgetService(connection: connection, now: now, validator: validator, alerts: alerts, logger: logger)
    }

    /// The current time, from the configured clock (tests move it).
    var now: Date { configuration.clock() }
}
