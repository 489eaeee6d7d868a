public import Alerting
public import BudgetCore
public import Foundation
public import JSON

/// The settings the web layer needs; built by the executable from its environment.
public struct WebConfiguration: Sendable {
    /// Largest body read into memory for ordinary routes, in bytes. Default 1 MiB.
    public var bodyLimit: Int
    /// Largest cost file accepted by the import endpoint, in bytes. Default 2 GiB.
    public var importBodyLimit: Int
    /// Signs API tokens, session cookies and CSRF tokens (`BUDGETD_JWT_SECRET`).
    public var secret: String
    /// Seconds an API token is valid. Default 3600.
    public var tokenLifetime: Int
    /// Seconds a browser session lasts without activity. Default 8 hours.
    public var sessionLifetime: Int
    /// Where people reach the site (links in e-mails). Default `http://127.0.0.1:8080`.
    public var publicURL: String
    /// How alerts are rendered and sent; evaluation runs right after a budget changes or costs arrive.
    public var alerts: AlertSettings
    /// Trigger types rules may use.
    public var triggerTypes: [TriggerType]
    /// The OpenAPI document served at `/api/openapi.json` and rendered at `/api/docs`.
    public var openAPI: JSONValue
    /// The time; replaced in tests.
    public var clock: @Sendable () -> Date

    public init(
        bodyLimit: Int = 1 << 20,
        importBodyLimit: Int = 2 << 30,
        secret: String,
        tokenLifetime: Int = 3600,
        sessionLifetime: Int = 8 * 3600,
        publicURL: String = "http://127.0.0.1:8080",
        alerts: AlertSettings = AlertSettings(),
        triggerTypes: [TriggerType] = TriggerType.allCases,
        openAPI: JSONValue = .object([:]),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.bodyLimit = bodyLimit
        self.importBodyLimit = importBodyLimit
        self.secret = secret
        self.tokenLifetime = tokenLifetime
        self.sessionLifetime = sessionLifetime
        self.publicURL = publicURL
        self.alerts = alerts
        self.triggerTypes = triggerTypes
        self.openAPI = openAPI
        self.clock = clock
    }
}
