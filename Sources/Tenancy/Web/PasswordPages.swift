import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/password/forgot`: asks for a reset link, answering the same whether the address has an account.
struct ForgotPasswordPage: Page {
    static let template = "tenancy/passwords.forgot"
    let title = "Forgotten password"
    let address: String? = "/password/forgot"
    var email: String
    var formToken: String
    /// The request went through: the page says where to look, whatever the address.
    var sent: Bool
    var error: String?

    var templateValue: TemplateValue {
        ["email": .string(email), "formToken": .string(formToken), "sent": .bool(sent), "error": .optional(error),
         "minutes": .string(String(Int(PasswordLink.Purpose.reset.lifetime / 60)))]
    }
}

/// `/password/new`: chooses a password through a link's token, or says the link is dead.
struct NewPasswordPage: Page {
    static let template = "tenancy/passwords.new"
    let title = "Choose a password"
    let address: String? = "/password/new"
    /// `nil`: the link is unknown, used or expired.
    let link: PasswordLink?
    var errors: [FieldError] = []

    var templateValue: TemplateValue {
        [
            "live": .bool(link != nil), "email": .string(link?.user.email ?? ""), "organizationName": .string(link?.organizationName ?? ""),
            "isInvitation": .bool(link?.purpose == .invitation),
            "expires": .string(link.map { DateFormat.timestamp($0.expiresAt) } ?? ""),
            "passwordError": errors.message(for: "password"), "confirmationError": errors.message(for: "confirmation"),
            "hasErrors": .bool(!errors.isEmpty),
            "minimumPassword": .string(String(TenancyValidator.minimumPasswordLength)),
        ]
    }
}

/// A way back in for a forgotten password, and the page an invitation's or reset's link opens.
///
/// The link's token arrives in the query once: the page moves it into a cookie and redirects, so
/// that it stays out of the address bar, the history and the `Referer` of what the page loads.
struct PasswordPages {
    let module: TenancyModule
    static let linkCookie = "budgetd_password_link"

    func add(to routes: Routes) {
        routes.open.get("/password/forgot") { request, _ in
            try forgotPage(request, routes: routes, email: request.query["email"] ?? "", sent: false, error: nil, status: .ok)
        }

        routes.open.post("/password/forgot") { request, open in
            let form = try request.form()
            let email = String((form["email"] ?? "").prefix(320))
            guard let nonce = request.cookies[Sessions.preLoginCookie],
                  Routes.tokensMatch(form["csrf"], module.sessions.csrfToken(binding: nonce)) else {
                return try forgotPage(request, routes: routes, email: email, sent: false,
                                      error: "The form had expired. Send it again.", status: .forbidden)
            }
            guard EmailAddress.normalized(email) != nil else {
                return try forgotPage(request, routes: routes, email: email, sent: false,
                                      error: "Enter the e-mail address you sign in with, such as name@example.com.", status: .badRequest)
            }
            try module.users(open.db, now: open.now).requestReset(email: email)
            return try forgotPage(request, routes: routes, email: email, sent: true, error: nil, status: .ok)
        }

        routes.open.get("/password/new") { request, open in
            if let token = request.query["token"] {
                var response = Response.redirect(to: "/password/new")
                // Only what has a token's shape goes into the cookie (nothing a query could add attributes with).
                if UserService.tokenHash(token) != nil {
                    response.setCookie(PasswordPages.linkCookie, token, maxAge: 3600, secure: request.isSecure)
                } else {
                    response.deleteCookie(PasswordPages.linkCookie, secure: request.isSecure)
                }
                return response
            }
            let link = try request.cookies[PasswordPages.linkCookie].flatMap { try module.users(open.db, now: open.now).link(token: $0) }
            return try routes.renderer.render(NewPasswordPage(link: link), request: request, session: nil, status: link == nil ? .notFound : .ok)
        }

        routes.open.post("/password/new") { request, open in
            let form = try request.form()
            let token = request.cookies[PasswordPages.linkCookie] ?? ""
            let service = module.users(open.db, now: open.now)
            do {
                _ = try service.setPassword(token: token, password: form["password"], confirmation: form["confirmation"])
                var response = PageRenderer.redirect("/login", notice: .passwordSet, secure: request.isSecure)
                response.deleteCookie(PasswordPages.linkCookie, secure: request.isSecure)
                return response
            } catch let error as DomainError where error.code == .invalid {
                let page = NewPasswordPage(link: try service.link(token: token), errors: error.fieldErrors)
                return try routes.renderer.render(page, request: request, session: nil, status: .badRequest)
            } catch let error as DomainError where error.code == .notFound {
                return try routes.renderer.render(NewPasswordPage(link: nil), request: request, session: nil, status: .notFound)
            }
        }
    }

    /// The forgotten-password form, with a pre-login cookie binding its CSRF token (as the sign-in's).
    private func forgotPage(_ request: Request, routes: Routes, email: String, sent: Bool, error: String?,
                            status: HTTPStatus) throws -> Response {
        let nonce = Sessions.preLoginNonce(request)
        let page = ForgotPasswordPage(email: email, formToken: module.sessions.csrfToken(binding: nonce), sent: sent, error: error)
        var response = try routes.renderer.render(page, request: request, session: nil, status: status)
        response.setCookie(Sessions.preLoginCookie, nonce, maxAge: 3600, secure: request.isSecure)
        return response
    }
}
