import Templating

extension Application {
    /// Every route of the application, grouped by feature; each group lives in its own file.
    static func addRoutes(to router: inout Router, _ services: Services) {
        HealthRoutes.add(to: &router)
        HomePage.add(to: &router, services)
        AuthRoutes.add(to: &router, services)
        BudgetRoutes.add(to: &router, services)
        TenancyRoutes.add(to: &router, services)
        OpenAPIRoutes.add(to: &router, services)
        LoginPage.add(to: &router, services)
        BudgetListPage.add(to: &router, services)
        BudgetDetailPage.add(to: &router, services)
        BudgetEditPages.add(to: &router, services)
        BudgetDeletePage.add(to: &router, services)
        ConnectionsPage.add(to: &router, services)
        CostRoutes.add(to: &router, services)
        AlertRoutes.add(to: &router, services)
        WebhookRoutes.add(to: &router, services)
    }
}
