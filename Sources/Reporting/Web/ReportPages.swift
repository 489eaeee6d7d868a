import Foundation
import HTTPKit
import Kernel
import Web

extension Notice {
    static let explanationSaved = Notice("explanation-saved", "Explanation saved.")
    static let explanationRemoved = Notice("explanation-removed", "Explanation removed.")
    static let reportIssued = Notice("report-issued", "Report issued: its figures are frozen as a new version.")
    static let subscriptionAdded = Notice("subscription-added", "Subscription added.")
    static let subscriptionRemoved = Notice("subscription-removed", "Subscription removed.")
}

/// `/reports…`: the reports as pages, their CSV files for signed-in browsers, and the forms that
/// explain a variance and issue a month.
struct ReportPages {
    let module: ReportingModule

    func add(to routes: Routes) {
        routes.pages.get("/reports") { request, page in
            let today = LocalDate(page.now)
            let months = try module.service(page.db, now: page.now).months(for: page.principal)
            let view = ReportIndexView(months: months, thisWeek: ISOWeek(containing: today), today: today,
                                       isAdmin: page.principal.canAdministerOrganization)
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        routes.pages.get("/reports/monthly/:month") { request, page in
            try monthlyPage(request, routes: routes, context: page)
        }

        for document in ReportRoutes.documents {
            routes.pages.get(document.page) { request, page in
                try document.read(request, module.service(page.db, now: page.now), page.principal)
            }
        }

        routes.forms.post("/reports/monthly/:month/budgets/:budgetId/explanation") { request, form in
            let month = try request.reportMonth()
            let budgetId = try request.parameter("budgetId", as: UUID.self, invalid: DomainError.notFound("Budget"))
            let text = form.form["text"] ?? ""
            do {
                let saved = try module.service(form.db, now: form.now).explain(month, budgetId: budgetId, text: text, by: form.principal)
                return PageRenderer.redirect("/reports/monthly/\(ReportMonth.text(month))#budget-\(budgetId.lowercasedString)",
                                             notice: saved == nil ? .explanationRemoved : .explanationSaved, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                return try monthlyPage(request, routes: routes, context: form.page, status: .badRequest,
                                       failed: (budgetId, text, error.fieldErrors.map(\.message).joined(separator: "; ")))
            }
        }

        routes.forms.post("/reports/monthly/:month/issue") { request, form in
            let month = try request.reportMonth()
            _ = try module.service(form.db, now: form.now).issue(month, force: form.form["force"] == "yes", by: form.principal)
            return PageRenderer.redirect("/reports/monthly/\(ReportMonth.text(month))#versions", notice: .reportIssued, secure: request.isSecure)
        }

        routes.pages.get("/reports/daily") { request, page in
            let dashboard = try module.service(page.db, now: page.now).daily(try request.reportDate(), for: page.principal)
            return try routes.renderer.render(DailyDashboardView(dashboard: dashboard), request: request, session: page.session)
        }

        routes.pages.get("/reports/weekly/:week") { request, page in
            let summary = try module.service(page.db, now: page.now).weekly(try request.reportWeek(), for: page.principal)
            return try routes.renderer.render(WeeklySummaryView(summary: summary), request: request, session: page.session)
        }
    }

    private func monthlyPage(_ request: Request, routes: Routes, context page: PageContext, status: HTTPStatus = .ok,
                             failed: (UUID, String, String)? = nil) throws -> Response {
        let service = module.service(page.db, now: page.now)
        let month = try request.reportMonth()
        let report = try service.monthly(month, for: page.principal)
        var view = MonthlyReportView(
            report: report, restatement: try service.restatement(of: report, for: page.principal),
            versions: try service.versions(month, for: page.principal), canExplain: page.principal.canEditBudgets,
            canIssue: page.principal.canAdministerOrganization)
        view.failedExplanation = failed.map { (budgetId: $0.0, text: $0.1, error: $0.2) }
        return try routes.renderer.render(view, request: request, session: page.session, status: status)
    }
}
