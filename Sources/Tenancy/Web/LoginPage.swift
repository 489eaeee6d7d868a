import Foundation
import HTTPKit
import Kernel
import Sodium
import Templating
import Web

/// The sign-in form, with the address kept after a failure and, when one password opens accounts
/// in several organizations, the organization to choose.
struct SignInPage: Page {
    static let template = "tenancy/sessions.new"
    let title = "Sign in"
    var email: String
    var next: String
    var loginToken: String
    var error: String?
    var organizations: [Choice]

    struct Choice: TemplateRenderable {
        let id: UUID
        let name: String
        var templateValue: TemplateValue { ["id": .string(id.lowercasedString), "name": .string(name)] }
    }

    var address: String? { next == PageRenderer.safeNext(nil) ? "/login" : "/login?next=" + PageRenderer.percentEncoded(next) }

    var templateValue: TemplateValue {
        ["email": .string(email), "next": .string(next), "loginToken": .string(loginToken), "error": .optional(error),
         "organizations": .rows(organizations)]
    }
}

/// `/login` and `/logout`. The sign-in form is protected against cross-site posting by a token
/// bound to a pre-login cookie; failures show one message whatever was wrong, and are throttled
/// per address and client (see `SignIn`).
struct LoginPage {
    let sessions: Sessions
    let settings: TenancySettings

    func add(to routes: Routes) {
        routes.open.get("/login") { request, open in
            if try sessions.current(cookie: request.cookies[Sessions.cookie], db: open.db, now: open.now) != nil {
                return .redirect(to: PageRenderer.safeNext(request.query["next"]))
            }
            return try page(request, routes: routes, email: "", next: request.query["next"], error: nil, status: .ok)
        }

        routes.open.post("/login") { request, open in
            let form = try request.form()
            let email = form["email"] ?? ""
            if request.headers["x-budgetd-flood-guard"] == "1" {
                // nginx's flood guard (see budgetd.locations.conf): the page again, the address kept, nothing checked.
                var response = try page(request, routes: routes, email: String(email.prefix(320)), next: form["next"],
                                        error: "Too many sign-in attempts from your network in the last minute. Wait a minute, then sign in.",
                                        status: .tooManyRequests)
                response.addHeader("Retry-After", "60")
                return response
            }
            guard let nonce = request.cookies[Sessions.preLoginCookie], Routes.tokensMatch(form["csrf"], sessions.csrfToken(binding: nonce)) else {
                // A form left open past its pre-login cookie (or posted from elsewhere) is asked again, with
                // the address kept and a token that matches the cookie, rather than answered with a bare 403.
                return try page(request, routes: routes, email: String(email.prefix(320)), next: form["next"],
                                error: "The sign-in form had expired. Enter your password again.", status: .forbidden)
            }
            let signIn = SignIn(db: open.db, now: open.now, client: request.remoteAddress,
                                knownDevice: sessions.isKnownDevice(request.cookies[Sessions.deviceCookie], email: email))
            do {
                let user = try signIn.authenticate(email: email, password: form["password"] ?? "",
                                                   organizationId: form["organizationId"].flatMap { UUID(canonical: $0) })
                let cookie = try sessions.start(for: user, db: open.db, now: open.now)
                var response = Response.redirect(to: PageRenderer.safeNext(form["next"]))
                response.setCookie(Sessions.cookie, cookie, maxAge: settings.sessionLifetime, secure: request.isSecure)
                response.setCookie(Sessions.deviceCookie, sessions.deviceToken(email: email), maxAge: Sessions.deviceCookieLifetime,
                                   secure: request.isSecure)
                response.deleteCookie(Sessions.preLoginCookie, secure: request.isSecure)
                return response
            } catch let error as DomainError where error.code == .unauthorized || error.code == .tooManyRequests {
                var response = try page(request, routes: routes, email: email, next: form["next"], error: error.message,
                                        status: error.code == .unauthorized ? .unauthorized : .tooManyRequests)
                if let seconds = error.retryAfterSeconds { response.addHeader("Retry-After", String(seconds)) }
                return response
            } catch let ambiguous as SignIn.Ambiguous {
                return try page(request, routes: routes, email: email, next: form["next"],
                                error: "This address belongs to several organizations. Choose one and enter its password again.",
                                status: .ok, organizations: ambiguous.organizations.map { SignInPage.Choice(id: $0.id, name: $0.name) })
            }
        }

        routes.forms.post("/logout") { request, form in
            try sessions.end(form.session, db: form.db)
            var response = PageRenderer.redirect("/login", notice: .signedOut, secure: request.isSecure)
            response.deleteCookie(Sessions.cookie, secure: request.isSecure)
            return response
        }
    }

    /// The sign-in form, with the address kept and a new pre-login cookie when there is none.
    func page(_ request: Request, routes: Routes, email: String, next: String?, error: String?, status: HTTPStatus,
              organizations: [SignInPage.Choice] = []) throws -> Response {
        let nonce = Sessions.preLoginNonce(request)
        let page = SignInPage(email: email, next: PageRenderer.safeNext(next), loginToken: sessions.csrfToken(binding: nonce),
                              error: error, organizations: organizations)
        var response = try routes.renderer.render(page, request: request, session: nil, status: status)
        response.setCookie(Sessions.preLoginCookie, nonce, maxAge: 3600, secure: request.isSecure)
        return response
    }
}
