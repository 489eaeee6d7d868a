/// Thrown by page handlers to send the browser elsewhere (to sign in, say); answered with a 303.
public struct Redirect: Error {
    public let location: String
    public var notice: Notice?

    public init(location: String, notice: Notice? = nil) {
        self.location = location
        self.notice = notice
    }
}

/// One-time messages shown on the page after a redirect, carried by a short-lived cookie.
///
/// Only the code travels in the cookie, never text, so a crafted cookie cannot put words on the
/// page: the renderer knows each feature's notices (`PageRenderer(notices:)`) and shows only those.
public struct Notice: Sendable, Hashable {
    public let rawValue: String
    public let message: String
    /// `success` or `warning`: how the page styles it.
    public let kind: String

    public init(_ rawValue: String, _ message: String, kind: String = "success") {
        self.rawValue = rawValue
        self.message = message
        self.kind = kind
    }

    public static let cookie = "budgetd_notice"

    public static let sessionExpired = Notice("session-expired", "Please sign in to continue.", kind: "warning")
}
