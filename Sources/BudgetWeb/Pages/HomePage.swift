import Templating

/// The landing page: what budgetd is and where to go next.
enum HomePage {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/") { request, context in
            // The page shows who is signed in when it can; it does not need the database otherwise.
            let session = try? services.sessions.current(request, connection: try context.connection(), now: services.now)
            return try services.pages.render("home.index", ["title": "Welcome"], request: request, session: session ?? nil)
        }
    }
}
