import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// The confirmation page before a budget is deleted.
struct BudgetDelete: Page {
    static let template = "budgets/budgets.delete"
    var view: BudgetView
    var title: String { "Delete \(view.budget.name)" }
    var templateValue: TemplateValue { .object(BudgetShow.details(view)) }
}

/// `/budgets/{id}/delete`: a confirmation page, then the deletion (soft: the history stays), after
/// which the list names the budget and offers to undo it; `/budgets/{id}/restore` does.
struct BudgetDeletePage {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.pages.requiring(.editor, to: "delete budgets").get("/budgets/:id/delete") { request, page in
            let view = try module.service(page.db, now: page.now, logger: page.logger).get(try request.budgetId(), for: page.principal)
            return try routes.renderer.render(BudgetDelete(view: view), request: request, session: page.session)
        }

        routes.forms.post("/budgets/:id/delete") { request, form in
            try module.service(form.db, now: form.now, logger: form.logger)
                .delete(try request.budgetId(), expected: .exactly(Int(form.form["version"] ?? "") ?? -1), by: form.principal)
            return PageRenderer.redirect("/budgets?deleted=\(try request.budgetId().lowercasedString)", notice: nil, secure: request.isSecure)
        }

        routes.forms.post("/budgets/:id/restore") { request, form in
            let view = try module.service(form.db, now: form.now, logger: form.logger).restore(try request.budgetId(), by: form.principal)
            return PageRenderer.redirect("/budgets/\(view.budget.id.lowercasedString)", notice: .budgetRestored, secure: request.isSecure)
        }
    }
}
