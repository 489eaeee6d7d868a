public import Allocation
public import Budgets
public import CostData
public import Foundation
import HTTPKit
public import JSON
public import Logging
public import MariaDB
public import Notifications
public import Reporting
public import Templating
public import Tenancy
public import Web

/// Every setting the composed application needs, built by the executable from its environment.
public struct AppSettings: Sendable {
    public var database: ConnectionConfiguration
    /// Largest body read into memory for ordinary routes, in bytes. Default 1 MiB.
    public var bodyLimit: Int
    /// Largest cost file accepted by the import endpoint, in bytes. Default 2 GiB.
    public var importBodyLimit: Int
    public var tenancy: TenancySettings
    public var delivery: DeliverySettings
    public var alerts: BudgetAlertSettings
    public var reports: ReportSettings
    /// Trigger types rules may use.
    public var triggerTypes: [TriggerType]
    /// The OpenAPI document served at `/api/openapi.json` and rendered at `/api/docs`.
    public var openAPI: JSONValue
    /// The time; replaced in tests.
    public var clock: @Sendable () -> Date

    public init(database: ConnectionConfiguration, bodyLimit: Int = 1 << 20, importBodyLimit: Int = 2 << 30, tenancy: TenancySettings,
                delivery: DeliverySettings = DeliverySettings(), alerts: BudgetAlertSettings = BudgetAlertSettings(),
                reports: ReportSettings = ReportSettings(),
                triggerTypes: [TriggerType] = TriggerType.allCases, openAPI: JSONValue = .object([:]),
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.bodyLimit = bodyLimit
        self.importBodyLimit = importBodyLimit
        self.tenancy = tenancy
        self.delivery = delivery
        self.alerts = alerts
        self.reports = reports
        self.triggerTypes = triggerTypes
        self.openAPI = openAPI
        self.clock = clock
    }
}

/// budgetd put together: each feature with what it needs of the others (the authenticator for
/// every route group, the evaluation after imports, the event of each delivered alert e-mail), its
/// routes in one router, and its background loops.
public struct BudgetdApplication: Sendable {
    public let settings: AppSettings
    public let tenancy: TenancyModule
    public let notifications: NotificationsModule
    public let costData: CostDataModule
    public let budgets: BudgetsModule
    public let reporting: ReportingModule
    public let allocation: AllocationModule
    /// The web application every server thread answers with.
    public let web: Application

    public init(settings: AppSettings, templates: TemplateLibrary, logger: Logger) {
        self.settings = settings
        tenancy = TenancyModule(settings: settings.tenancy, templates: templates)
        budgets = BudgetsModule(templates: templates, settings: settings.alerts, triggerTypes: settings.triggerTypes)
        notifications = NotificationsModule(settings: settings.delivery, eventKinds: BudgetsModule.eventKinds,
                                            observers: [budgets.deliveryObserver])
        costData = CostDataModule(importBodyLimit: settings.importBodyLimit, observers: [budgets.importObserver])
        reporting = ReportingModule(templates: templates, settings: settings.reports)
        allocation = AllocationModule(templates: templates, publicURL: settings.tenancy.publicURL)

        let builder = RouterBuilder<ThreadContext>()
        let notices = TenancyModule.notices + NotificationsModule.notices + CostDataModule.notices + BudgetsModule.notices
            + ReportingModule.notices + AllocationModule.notices
        let routes = Routes(builder: builder, authenticator: tenancy.authenticator, renderer: PageRenderer(templates: templates, notices: notices),
                            clock: settings.clock)
        HealthRoutes.add(to: routes)
        HomePage.add(to: routes, reporting: reporting, logger: logger)
        OpenAPIRoutes.add(to: routes, document: settings.openAPI, templates: templates)
        tenancy.addRoutes(to: routes)
        notifications.addRoutes(to: routes)
        costData.addRoutes(to: routes)
        budgets.addRoutes(to: routes)
        reporting.addRoutes(to: routes)
        allocation.addRoutes(to: routes)
        web = Application(router: builder.router, templates: templates, bodyLimit: settings.bodyLimit, database: settings.database,
                          logger: logger, signedInErrorPage: { error, request, thread in
                              // One more lookup, on error pages only: who is signed in, for the header.
                              guard let db = try? thread.connection(),
                                    let session = try? routes.authenticator.session(cookie: request.cookies[PageRenderer.sessionCookie],
                                                                                    db: db, now: routes.clock()) else { return nil }
                              return try? routes.renderer.render(ErrorPage(error), request: request, session: session, status: error.status)
                          })
    }

    /// The worker's background loops, each run on a thread of its own until `shouldStop` says so.
    /// - Parameters:
    ///   - evaluationInterval: `nil` turns the scheduled evaluation off.
    ///   - reportInterval: how often the report distribution looks for reports due; `nil` turns it off.
    public func backgroundLoops(evaluationInterval: Duration?, deliveryInterval: Duration, reportInterval: Duration?,
                                logger: Logger) -> [@Sendable (_ shouldStop: @escaping @Sendable () -> Bool) -> Void] {
        var loops: [@Sendable (_ shouldStop: @escaping @Sendable () -> Bool) -> Void] = []
        if let evaluationInterval {
            let evaluation = budgets.evaluationLoop(database: settings.database, interval: evaluationInterval, logger: logger)
            loops.append { shouldStop in evaluation.run(shouldStop: shouldStop) }
        }
        if let reportInterval {
            let distribution = reporting.distributionLoop(database: settings.database, interval: reportInterval, logger: logger)
            loops.append { shouldStop in distribution(shouldStop) }
        }
        let delivery = notifications.deliveryLoop(database: settings.database, interval: deliveryInterval, logger: logger)
        loops.append { shouldStop in delivery.run(shouldStop: shouldStop) }
        return loops
    }
}
