public import HTTPKit
public import Templating

/// An error as a page of the site: with the signed-in header when the browser has a session, so
/// a 403 or a 404 does not look like being signed out.
public struct ErrorPage: Page {
    public static let template = "errors.show"
    let error: HTTPError
    public var title: String { error.status.reason }

    public init(_ error: HTTPError) { self.error = error }

    public var templateValue: TemplateValue {
        [
            "status": .string(String(error.status.code)),
            "reason": .string(error.status.reason),
            "message": .string(error.message),
            "fieldErrors": .list(error.fieldErrors.map { ["field": .string($0.field), "message": .string($0.message)] }),
        ]
    }
}

/// Renders an error page for a browser with a session; `nil` when there is none (the plain error page follows).
public typealias SignedInErrorPage = @Sendable (HTTPError, Request, ThreadContext) -> Response?
