import Foundation
public import HTTPKit
import Kernel
public import Templating

/// A page's content: which template draws it, its title, and the values it shows. Each page is a
/// struct, so a handler fills typed fields; the layout's own values (the signed-in user, the CSRF
/// token, the notice) are added by `PageRenderer`.
public protocol Page: TemplateRenderable {
    /// `budgets/budgets.show`
    static var template: String { get }
    var title: String { get }
    /// The page's own address, for a form shown again after a failed post: the page's script puts
    /// it in the address bar, so that reloading shows the page instead of posting the form again.
    var address: String? { get }
}

extension Page {
    public var address: String? { nil }
}

/// Renders pages through the layout with what every page shows: the signed-in user, the CSRF
/// token for forms, and the one-time notice (which it then clears).
public struct PageRenderer: Sendable {
    /// The session cookie's name, read by the pages group and set by signing in.
    public static let sessionCookie = "budgetd_session"
    public let templates: TemplateLibrary
    /// The notices a cookie may name, by code.
    let notices: [String: Notice]

    public init(templates: TemplateLibrary, notices: [Notice] = []) {
        self.templates = templates
        self.notices = Dictionary(([Notice.sessionExpired] + notices).map { ($0.rawValue, $0) }) { first, _ in first }
    }

    public func render(_ page: some Page, request: Request, session: Session?, status: HTTPStatus = .ok) throws -> Response {
        // Times on the page in the reader's zone (UTC until they have one), while its values are computed.
        let zone = session?.principal.timeZone.flatMap(TimeZone.init(identifier:))
        guard case .object(var context) = DateFormat.$zone.withValue(zone, operation: { page.templateValue }) else {
            throw DomainError(.unavailable, "The page \(type(of: page).template) has no values.")
        }
        context["title"] = .string(page.title)
        if let address = page.address { context["address"] = .string(address) }
        if let session {
            context["user"] = [
                "email": .string(session.principal.email),
                "role": .string(session.principal.role.rawValue),
                "canEdit": .bool(session.principal.canEditBudgets),
                "isAdmin": .bool(session.principal.canAdministerOrganization),
                "askZone": .bool(session.principal.timeZone == nil),
            ]
            context["csrfToken"] = .string(session.csrfToken)
        }
        if let notice = request.cookies[Notice.cookie].flatMap({ notices[$0] }) {
            context["notice"] = ["message": .string(notice.message), "kind": .string(notice.kind)]
        }
        var response = Response.html(try templates.render(type(of: page).template, .object(context)), status: status)
        response.addHeader("Cache-Control", "no-store")
        if request.cookies[Notice.cookie] != nil { response.deleteCookie(Notice.cookie, secure: request.isSecure) }
        return response
    }

    /// A 303 that shows `notice` on the next page.
    public static func redirect(_ location: String, notice: Notice?, secure: Bool) -> Response {
        var response = Response.redirect(to: location)
        if let notice { response.setCookie(Notice.cookie, notice.rawValue, maxAge: 60, secure: secure) }
        return response
    }

    /// Keeps only paths of this site, so `?next=` cannot send people elsewhere after signing in:
    /// one leading slash, then printable ASCII only. Browsers drop tabs and line breaks from a
    /// `Location` and read a backslash as a slash, so `/\t/evil.example` would be `//evil.example`,
    /// another site; any such byte makes the whole value unsafe, and the default is used.
    public static func safeNext(_ next: String?) -> String {
        let fallback = "/budgets"
        guard let next, next.utf8.first == UInt8(ascii: "/"), next.utf8.count <= 2048 else { return fallback }
        let bytes = Array(next.utf8)
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") || bytes[1] == UInt8(ascii: "\\") { return fallback }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return fallback }
        return next
    }

    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
