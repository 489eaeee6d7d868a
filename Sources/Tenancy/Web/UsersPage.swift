import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/users`: an organization's people for its admins, with what the API does: add (with a password
/// or by invitation), change role, deactivate and reactivate, invite again.
struct UsersView: Page {
    static let template = "tenancy/users.index"
    let title = "Users"
    let address: String? = "/users"
    let users: [User]
    let me: UUID
    /// What was typed into the add form that failed (never the password), with its errors.
    var typed: (email: String, role: String, errors: [FieldError])?

    struct Row: TemplateRenderable {
        let user: User
        let isMe: Bool

        var templateValue: TemplateValue {
            [
                "id": .string(user.id.lowercasedString), "email": .string(user.email), "role": .string(user.role.rawValue),
                "status": .string(UsersView.statusLabel(user.status)), "statusClass": .string(user.status.rawValue),
                "since": .string(DateFormat.day(LocalDate(user.createdAt))),
                "deactivatedOn": .string(user.deactivatedAt.map { DateFormat.day(LocalDate($0)) } ?? ""),
                "isMe": .bool(isMe), "isInvited": .bool(user.status == .invited), "isDeactivated": .bool(user.status == .deactivated),
                "roles": .list(Role.allCases.map { role in
                    ["value": .string(role.rawValue), "selected": .bool(role == user.role)]
                }),
            ]
        }
    }

    static func statusLabel(_ status: User.Status) -> String {
        switch status {
        case .active: "active"
        case .invited: "invited, no password yet"
        case .deactivated: "deactivated"
        }
    }

    var templateValue: TemplateValue {
        let errors = typed?.errors ?? []
        return [
            "users": .rows(users.map { Row(user: $0, isMe: $0.id == me) }),
            "email": .string(typed?.email ?? ""),
            "roles": .list(Role.allCases.map { role in
                ["value": .string(role.rawValue), "selected": .bool(role.rawValue == (typed?.role ?? Role.viewer.rawValue))]
            }),
            "emailError": errors.message(for: "email"), "roleError": errors.message(for: "role"),
            "passwordError": errors.message(for: "password"),
            "hasErrors": .bool(!errors.isEmpty),
            "minimumPassword": .string(String(TenancyValidator.minimumPasswordLength)),
        ]
    }
}

struct UsersPage {
    let module: TenancyModule

    func add(to routes: Routes) {
        let pages = routes.pages.requiring(.admin, to: "manage users")
        let forms = routes.forms.requiring(.admin, to: "manage users")

        pages.get("/users") { request, page in
            let view = UsersView(users: try module.users(page.db, now: page.now).users(for: page.principal), me: page.principal.userId)
            return try routes.renderer.render(view, request: request, session: page.session)
        }

        forms.post("/users") { request, form in
            let email = form.form["email"] ?? ""
            let role = form.form["role"] ?? ""
            let password = form.form["password"] ?? ""
            let service = module.users(form.db, now: form.now)
            do {
                _ = try service.addUser(email: email, password: password.isEmpty ? nil : password, role: role, by: form.principal)
                return PageRenderer.redirect("/users", notice: password.isEmpty ? .userInvited : .userAdded, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                var view = UsersView(users: try service.users(for: form.principal), me: form.principal.userId)
                view.typed = (email, role, error.fieldErrors.isEmpty ? [FieldError("email", error.message)] : error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }

        /// One row's buttons: `role` changes the role, `active=no|yes` deactivates or reactivates.
        forms.post("/users/:id") { request, form in
            let active: Bool? = switch form.form["active"] { case "no": false; case "yes": true; default: nil }
            let user = try module.users(form.db, now: form.now).update(
                try request.userId(), role: active == nil ? form.form["role"] : nil, active: active, by: form.principal)
            return PageRenderer.redirect("/users", notice: active == false && user.status == .deactivated ? .userDeactivated : .userChanged,
                                         secure: request.isSecure)
        }

        forms.post("/users/:id/invitation") { request, form in
            _ = try module.users(form.db, now: form.now).reinvite(try request.userId(), by: form.principal)
            return PageRenderer.redirect("/users", notice: .userInvited, secure: request.isSecure)
        }
    }
}
