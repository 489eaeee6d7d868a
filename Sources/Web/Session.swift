public import Foundation
public import Kernel
public import MariaDB

/// A signed-in browser: who, the token its forms must carry, and the stored session it is.
public struct Session: Sendable {
    public let principal: Principal
    public let csrfToken: String
    /// The SHA-256 of the session id, as stored: what signing out deletes.
    public let idHash: String

    public init(principal: Principal, csrfToken: String, idHash: String) {
        self.principal = principal
        self.csrfToken = csrfToken
        self.idHash = idHash
    }
}

/// Who is asking, found by whoever keeps users and sessions (Tenancy); the route groups ask.
public protocol Authenticating: Sendable {
    /// The caller of an API request, from its bearer token.
    /// - Throws: `DomainError.unauthorized` (with `reason` for the `WWW-Authenticate` header) when
    ///   the token is missing, invalid or its user is gone.
    func principal(bearer header: String?, db: Connection, now: Date) throws -> Principal

    /// The signed-in session of a browser request, if its cookie is genuine and the session live.
    func session(cookie: String?, db: Connection, now: Date) throws -> Session?
}
