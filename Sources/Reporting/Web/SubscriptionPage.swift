import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/reports/subscriptions`: who receives which report by e-mail (admins).
struct SubscriptionsView: Page {
    static let template = "reporting/subscriptions.index"
    let title = "Report subscriptions"
    let address: String? = "/reports/subscriptions"
    let subscriptions: [ReportSubscription]
    let schedule: ReportSettings
    /// What was typed into a form that failed, with its errors.
    var form: (report: String, email: String, format: String, errors: [FieldError])?

    var templateValue: TemplateValue {
        let typed = form
        let errors = typed?.errors ?? []
        return [
            "subscriptions": .list(subscriptions.map { s in
                ["id": .string(s.id.lowercasedString), "report": .string(s.report.rawValue), "email": .string(s.email),
                 "format": .string(s.format == .full ? "full (tables and CSV)" : "summary (headline and CSV)"),
                 "since": .string(DateFormat.day(LocalDate(s.createdAt)))]
            }),
            "hasSubscriptions": .bool(!subscriptions.isEmpty),
            "reports": .list(ReportSubscription.Report.allCases.map { r in
                ["value": .string(r.rawValue), "selected": .bool((typed?.report ?? "monthly") == r.rawValue)]
            }),
            "formats": .list(ReportSubscription.Format.allCases.map { f in
                ["value": .string(f.rawValue), "selected": .bool((typed?.format ?? "summary") == f.rawValue)]
            }),
            "email": .string(typed?.email ?? ""),
            "emailError": errors.message(for: "email"), "reportError": errors.message(for: "report"),
            "formatError": errors.message(for: "format"),
            "hasErrors": .bool(!(typed?.errors.isEmpty ?? true)),
            "sendDay": .string(String(schedule.monthlySendDay)), "sendHour": .string(schedule.sendHour.zeroPadded(2)),
            "retention": .string(String(schedule.retentionMonths)),
        ]
    }
}

struct SubscriptionPage {
    let module: ReportingModule

    func add(to routes: Routes) {
        let pages = routes.pages.requiring(.admin, to: "manage report subscriptions")
        let forms = routes.forms.requiring(.admin, to: "manage report subscriptions")

        pages.get("/reports/subscriptions") { request, page in
            let view = SubscriptionsView(subscriptions: try module.service(page.db, now: page.now).subscriptions(for: page.principal),
                                         schedule: module.settings)
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        forms.post("/reports/subscriptions") { request, form in
            let report = form.form["report"] ?? ""
            let email = form.form["email"] ?? ""
            let format = form.form["format"] ?? ""
            let service = module.service(form.db, now: form.now)
            do {
                _ = try service.subscribe(report: report, email: email, format: format, by: form.principal)
                return PageRenderer.redirect("/reports/subscriptions", notice: .subscriptionAdded, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                var view = SubscriptionsView(subscriptions: try service.subscriptions(for: form.principal), schedule: module.settings)
                view.form = (report, email, format, error.fieldErrors.isEmpty ? [FieldError("email", error.message)] : error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }

        forms.post("/reports/subscriptions/:id/delete") { request, form in
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Subscription"))
            try module.service(form.db, now: form.now).unsubscribe(id, by: form.principal)
            return PageRenderer.redirect("/reports/subscriptions", notice: .subscriptionRemoved, secure: request.isSecure)
        }
    }
}
