import HTTPKit
import Templating
import Web

/// The landing page: what budgetd is and where to go next.
struct Home: Page {
    static let template = "platform/home.index"
    let title = "Welcome"
    var templateValue: TemplateValue { [:] }
}

enum HomePage {
    static func add(to routes: Routes) {
        routes.bare.get("/") { request, thread in
            // The page shows who is signed in when it can; it does not need the database otherwise.
            let session = try? routes.authenticator.session(cookie: request.cookies[PageRenderer.sessionCookie], db: try thread.connection(),
                                                            now: routes.clock())
            return try routes.renderer.render(Home(), request: request, session: session ?? nil)
        }
    }
}
