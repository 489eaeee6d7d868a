public import Foundation
public import HTTPKit
public import Kernel
import MariaDB

/// The route groups every feature adds its routes to, each with its middleware run once per
/// request: the database handle, the caller (bearer token or session), a checked form.
///
///     routes.api.requiring(.admin, to: "manage webhooks").post("/api/webhooks") { request, api in … }
///     routes.forms.post("/budgets") { request, form in … }
public struct Routes: Sendable {
    /// No database, no caller: liveness.
    public let bare: RouteGroup<ThreadContext, ThreadContext>
    /// The database, no caller: signing in, readiness.
    public let open: RouteGroup<ThreadContext, OpenContext>
    /// Bearer-token callers; 401 without a valid token.
    public let api: RouteGroup<ThreadContext, APIContext>
    /// Signed-in browsers; others are sent to sign in and brought back.
    public let pages: RouteGroup<ThreadContext, PageContext>
    /// Forms posted by signed-in browsers, with their CSRF token checked (403 otherwise).
    public let forms: RouteGroup<ThreadContext, FormContext>
    /// Renders pages through the layout.
    public let renderer: PageRenderer
    /// Who is asking, for the few routes outside the groups that may still show a signed-in user.
    public let authenticator: any Authenticating
    public let clock: @Sendable () -> Date

    public init(builder: RouterBuilder<ThreadContext>, authenticator: any Authenticating, renderer: PageRenderer,
                clock: @escaping @Sendable () -> Date) {
        self.renderer = renderer
        self.authenticator = authenticator
        self.clock = clock
        bare = builder.root
        open = bare.map { _, thread in OpenContext(db: try thread.connection(), logger: thread.logger, now: clock()) }
        api = open.map { request, open in
            APIContext(db: open.db, logger: open.logger, now: open.now,
                       principal: try authenticator.principal(bearer: request.headers["authorization"], db: open.db, now: open.now))
        }
        pages = open.map { request, open in
            guard let session = try authenticator.session(cookie: request.cookies[PageRenderer.sessionCookie], db: open.db, now: open.now) else {
                let next = request.method == .get ? request.path : "/budgets"
                throw Redirect(location: "/login?next=" + PageRenderer.percentEncoded(next), notice: .sessionExpired)
            }
            return PageContext(db: open.db, logger: open.logger, now: open.now, session: session)
        }
        forms = pages.map { request, page in
            let form = try request.form()
            try Routes.requireCSRF(form["csrf"], session: page.session)
            return FormContext(db: page.db, logger: page.logger, now: page.now, session: page.session, form: form)
        }
    }

    /// Refuses a state-changing form whose CSRF token is missing or wrong (403, nothing changed).
    public static func requireCSRF(_ submitted: String?, session: Session) throws(DomainError) {
        guard tokensMatch(submitted, session.csrfToken) else {
            throw DomainError.forbidden("The form has expired or did not come from this site. Reload the page and try again.")
        }
    }

    /// Compares a submitted token with the expected one in constant time.
    public static func tokensMatch(_ submitted: String?, _ expected: String) -> Bool {
        guard let submitted else { return false }
        let a = Array(submitted.utf8)
        let b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
