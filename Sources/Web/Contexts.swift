public import Foundation
public import HTTPKit
public import Kernel
public import Logging
public import MariaDB

/// Handlers that need the database but no caller: signing in, the health check.
public struct OpenContext {
    public let db: Connection
    public let logger: Logger
    public let now: Date
}

/// An API request with its caller, proven by a bearer token and checked against the database.
public struct APIContext {
    public let db: Connection
    public let logger: Logger
    public let now: Date
    public let principal: Principal
}

/// A page request from a signed-in browser.
public struct PageContext {
    public let db: Connection
    public let logger: Logger
    public let now: Date
    public let session: Session
    public var principal: Principal { session.principal }
}

/// A form posted from a page: the session, and the form's fields, whose CSRF token was checked.
public struct FormContext {
    public let db: Connection
    public let logger: Logger
    public let now: Date
    public let session: Session
    public let form: Parameters
    public var principal: Principal { session.principal }
    public var page: PageContext { PageContext(db: db, logger: logger, now: now, session: session) }
}

/// Contexts that carry a caller, so a group of them can require a role.
public protocol CallerContext: SendableMetatype {
    var principal: Principal { get }
}

extension APIContext: CallerContext {}
extension PageContext: CallerContext {}
extension FormContext: CallerContext {}

extension RouteGroup where Scoped: CallerContext {
    /// The same group, for callers with at least `role` (403 naming the role otherwise).
    public func requiring(_ role: Role, to action: String) -> RouteGroup<Context, Scoped> {
        check { _, context in try context.principal.require(role, to: action) }
    }
}
