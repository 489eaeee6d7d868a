import HTTPKit
import Logging
import Reporting
import Templating
import Web

/// The landing page: what budgetd is and where to go next; signed in, the day's headline figures.
struct Home: Page {
    static let template = "platform/home.index"
    let title = "Welcome"
    var headline: DashboardHeadline?

    var templateValue: TemplateValue { headline.map { ["headline": $0.templateValue] } ?? [:] }
}

enum HomePage {
    static func add(to routes: Routes, reporting: ReportingModule, logger: Logger) {
        routes.bare.get("/") { request, thread in
            // The page shows who is signed in when it can; it does not need the database otherwise.
            let session = try? routes.authenticator.session(cookie: request.cookies[PageRenderer.sessionCookie], db: try thread.connection(),
                                                            now: routes.clock())
            var home = Home()
            if let principal = (session ?? nil)?.principal {
                do {
                    home.headline = try DashboardHeadline.load(reporting, db: try thread.connection(), now: routes.clock(), for: principal)
                } catch {
                    // The welcome still shows; the figures are on the dashboard, which reports its own error.
                    logger.warning("home page headline unavailable", metadata: ["error": "\(error)"])
                }
            }
            return try routes.renderer.render(home, request: request, session: session ?? nil)
        }
    }
}
