import Templating

/// The landing page: what budgetd is and where to go next.
enum HomePage {
    static func add(to router: inout Router, templates: TemplateLibrary) {
        router.get("/") { _, _ in
            .html(try templates.render("home", ["title": "budgetd"]))
        }
    }
}
