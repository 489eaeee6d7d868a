import Templating

extension Application {
    /// Every route of the application, grouped by feature; each group lives in its own file.
    static func addRoutes(to router: inout Router, templates: TemplateLibrary) {
        HealthRoutes.add(to: &router)
        HomePage.add(to: &router, templates: templates)
    }
}
