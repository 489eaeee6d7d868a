import BudgetCore
import Foundation
import Sodium
import Templating

/// `/login` and `/logout`. The sign-in form is protected against cross-site posting by a token
/// bound to a pre-login cookie; failures show one message whatever was wrong, and are throttled
/// per address (and per client by nginx).
enum LoginPage {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/login") { request, context in
            let connection = try context.connection()
            if try services.sessions.current(request, connection: connection, now: services.now) != nil {
                return .redirect(to: PageRenderer.safeNext(request.query["next"]))
            }
            return try form(request, services: services, email: "", next: request.query["next"], error: nil, status: .ok)
        }

        router.post("/login") { request, context in
            let connection = try context.connection()
            let form = try request.form()
            guard let nonce = request.cookies[Sessions.preLoginCookie],
                Sessions.tokensMatch(form["csrf"], services.sessions.csrfToken(binding: nonce))
            else {
                throw DomainError.forbidden("The sign-in form has expired. Reload the page and try again.")
            }
            let email = form["email"] ?? ""
            let signIn = SignIn(connection: connection, now: services.now, client: request.remoteAddress,
                                knownDevice: services.sessions.isKnownDevice(request, email: email))
            do {
                let user = try signIn.authenticate(email: email, password: form["password"] ?? "",
                                                   organizationId: form["organizationId"].flatMap { UUID(canonical: $0) })
                let cookie = try services.sessions.start(for: user, connection: connection, now: services.now)
                var response = Response.redirect(to: PageRenderer.safeNext(form["next"]))
                response.setCookie(Sessions.cookie, cookie, maxAge: services.configuration.sessionLifetime, secure: request.isSecure)
                response.setCookie(Sessions.deviceCookie, services.sessions.deviceToken(email: email), maxAge: Sessions.deviceCookieLifetime,
                                   secure: request.isSecure)
                response.deleteCookie(Sessions.preLoginCookie, secure: request.isSecure)
                return response
            } catch let error as DomainError where error.code == .unauthorized || error.code == .tooManyRequests {
                var response = try LoginPage.form(request, services: services, email: email, next: form["next"], error: error.message,
                                                  status: error.code == .unauthorized ? .unauthorized : .tooManyRequests)
                if let seconds = error.retryAfterSeconds { response.addHeader("Retry-After", String(seconds)) }
                return response
            } catch let ambiguous as SignIn.Ambiguous {
                return try LoginPage.form(request, services: services, email: email, next: form["next"],
                                          error: "This address belongs to several organizations. Choose one and enter its password again.",
                                          status: .ok, organizations: ambiguous.organizations)
            }
        }

        router.post("/logout") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            try services.pages.requireCSRF(try request.form(), session: session)
            try services.sessions.end(session, connection: connection)
            var response = PageRenderer.redirect("/login", notice: .signedOut, secure: request.isSecure)
            response.deleteCookie(Sessions.cookie, secure: request.isSecure)
            return response
        }
    }

    /// The sign-in form, with the address kept and a new pre-login cookie when there is none.
    static func form(_ request: Request, services: Services, email: String, next: String?, error: String?, status: HTTPStatus,
                     organizations: [(id: UUID, name: String)] = []) throws -> Response {
        let nonce = request.cookies[Sessions.preLoginCookie].flatMap { $0.utf8.count == 32 ? $0 : nil } ?? Base64URL.encode(Sodium.randomBytes(24))
        var response = try services.pages.render("sessions.new", [
            "title": "Sign in",
            "email": .string(email),
            "next": .string(PageRenderer.safeNext(next)),
            "loginToken": .string(services.sessions.csrfToken(binding: nonce)),
            "error": error.map(TemplateValue.string) ?? .null,
            "organizations": .list(organizations.map { ["id": .string($0.id.lowercasedString), "name": .string($0.name)] }),
        ], request: request, session: nil, status: status)
        response.setCookie(Sessions.preLoginCookie, nonce, maxAge: 3600, secure: request.isSecure)
        return response
    }
}
