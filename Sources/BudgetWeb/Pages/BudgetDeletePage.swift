import BudgetCore
import Foundation
import Templating

/// `/budgets/{id}/delete`: a confirmation page, then the deletion (soft: the history stays).
enum BudgetDeletePage {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/budgets/:id/delete") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            try session.principal.require(.editor, to: "delete budgets")
            let view = try services.budgets(connection, logger: context.logger)
                .get(try BudgetRoutes.budgetId(request), for: session.principal)
            var values = BudgetDetailPage.details(view)
            values["title"] = .string("Delete \(view.budget.name)")
            return try services.pages.render("budgets.delete", values, request: request, session: session)
        }

        router.post("/budgets/:id/delete") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            let form = try request.form()
            try services.pages.requireCSRF(form, session: session)
            try services.budgets(connection, logger: context.logger)
                .delete(try BudgetRoutes.budgetId(request), expected: .exactly(Int(form["version"] ?? "") ?? -1), by: session.principal)
            return PageRenderer.redirect("/budgets", notice: .budgetDeleted, secure: request.isSecure)
        }
    }
}
