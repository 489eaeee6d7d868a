import BudgetCore
import Foundation
import MariaDB
import Templating

/// Renders pages through the layout with what every page shows: the signed-in user, the CSRF
/// token for forms, and the one-time notice (which it then clears).
struct PageRenderer: Sendable {
    let templates: TemplateLibrary
    let sessions: Sessions

    func render(_ template: String, _ values: [String: TemplateValue], request: Request, session: Sessions.Current?,
                status: HTTPStatus = .ok) throws -> Response {
        var context = values
        if let session {
            context["user"] = [
                "email": .string(session.principal.email),
                "role": .string(session.principal.role.rawValue),
                "canEdit": .bool(session.principal.canEditBudgets),
                "isAdmin": .bool(session.principal.canAdministerOrganization),
            ]
            context["csrfToken"] = .string(session.csrfToken)
        }
        let notice = request.cookies[Notice.cookie].flatMap(Notice.init(rawValue:))
        if let notice {
            context["notice"] = ["message": .string(notice.message), "kind": .string(notice.kind)]
        }
        var response = Response.html(try templates.render(template, .object(context)), status: status)
        response.addHeader("Cache-Control", "no-store")
        if request.cookies[Notice.cookie] != nil { response.deleteCookie(Notice.cookie, secure: request.isSecure) }
        return response
    }

    /// The signed-in session, or a redirect to the sign-in page that comes back here afterwards.
    func requireSession(_ request: Request, connection: Connection, now: Date) throws -> Sessions.Current {
        if let session = try sessions.current(request, connection: connection, now: now) { return session }
        let next = request.method == .get ? request.path : "/budgets"
        throw Redirect(location: "/login?next=" + PageRenderer.percentEncoded(next), notice: .sessionExpired)
    }

    /// Refuses a state-changing form whose CSRF token is missing or wrong (403, nothing changed).
    func requireCSRF(_ form: Parameters, session: Sessions.Current) throws {
        guard Sessions.tokensMatch(form["csrf"], session.csrfToken) else {
            throw DomainError.forbidden("The form has expired or did not come from this site. Reload the page and try again.")
        }
    }

    /// A 303 that shows `notice` on the next page.
    static func redirect(_ location: String, notice: Notice?, secure: Bool) -> Response {
        var response = Response.redirect(to: location)
        if let notice { response.setCookie(Notice.cookie, notice.rawValue, maxAge: 60, secure: secure) }
        return response
    }

    /// Keeps only paths of this site, so `?next=` cannot send people elsewhere after signing in:
    /// one leading slash, then printable ASCII only. Browsers drop tabs and line breaks from a
    /// `Location` and read a backslash as a slash, so `/\t/evil.example` would be `//evil.example`,
    /// another site; any such byte makes the whole value unsafe, and the default is used.
    static func safeNext(_ next: String?) -> String {
        let fallback = "/budgets"
        guard let next, next.utf8.first == UInt8(ascii: "/"), next.utf8.count <= 2048 else { return fallback }
        let bytes = Array(next.utf8)
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return fallback }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return fallback }
        return next
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
