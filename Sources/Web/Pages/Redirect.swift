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
/// Only these codes travel in the cookie, never text, so a crafted cookie cannot put words on the page.
public enum Notice: String, Sendable {
    case budgetCreated = "budget-created"
    case budgetUpdated = "budget-updated"
    case budgetDeleted = "budget-deleted"
    case signedOut = "signed-out"
    case sessionExpired = "session-expired"
    case importDone = "import-done"

    public static let cookie = "budgetd_notice"

    public var message: String {
        switch self {
        case .budgetCreated: "Budget created."
        case .budgetUpdated: "Budget saved."
        case .budgetDeleted: "Budget deleted."
        case .signedOut: "You have signed out."
        case .sessionExpired: "Please sign in to continue."
        case .importDone: "Cost file imported."
        }
    }

    public var kind: String { self == .sessionExpired ? "warning" : "success" }
}
