import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/account`: one's own account, and the time zone pages write times in.
struct AccountView: Page {
    static let template = "tenancy/account.show"
    let title = "Your account"
    let address: String? = "/account"
    let principal: Principal
    let organizationName: String?
    let now: Date
    var error: String?

    var templateValue: TemplateValue {
        [
            "email": .string(principal.email), "role": .string(principal.role.rawValue),
            "organizationName": .optional(organizationName.map(TemplateValue.string)),
            "isPlatformAdmin": .bool(principal.isPlatformAdmin),
            "zoneUnset": .bool(principal.timeZone == nil),
            "zones": .list(UserService.timeZones.map { id in
                let offset = TimeZone(identifier: id)?.secondsFromGMT(for: now) ?? 0
                return ["value": .string(id), "label": .string("\(id) (\(DateFormat.zoneLabel(offsetSeconds: offset)) now)"),
                        "selected": .bool(id == principal.timeZone)]
            }),
            "now": .string(DateFormat.timestamp(now)),
            "zoneError": .optional(error.map(TemplateValue.string)),
        ]
    }
}

struct AccountPage {
    let module: TenancyModule

    func add(to routes: Routes) {
        routes.pages.get("/account") { request, page in
            try render(request, routes: routes, principal: page.principal, context: page)
        }

        routes.forms.post("/account") { request, form in
            do {
                _ = try module.users(form.db, now: form.now).setTimeZone(form.form["timeZone"], field: "timeZone", for: form.principal)
                return PageRenderer.redirect("/account", notice: .accountSaved, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                return try render(request, routes: routes, principal: form.principal, context: form.page,
                                  error: error.fieldErrors.first?.message, status: .badRequest)
            }
        }

        /// What the page's script sends once, when the person has no zone yet: the browser's.
        routes.forms.post("/account/time-zone") { _, form in
            _ = try module.users(form.db, now: form.now).setTimeZone(form.form["timeZone"], onlyIfUnset: true, for: form.principal)
            return Response(status: .noContent)
        }
    }

    private func render(_ request: Request, routes: Routes, principal: Principal, context: PageContext, error: String? = nil,
                        status: HTTPStatus = .ok) throws -> Response {
        let name = try principal.organizationId.flatMap { try OrganizationStore.find($0, in: context.db)?.name }
        return try routes.renderer.render(AccountView(principal: principal, organizationName: name, now: context.now, error: error),
                                          request: request, session: context.session, status: status)
    }
}
