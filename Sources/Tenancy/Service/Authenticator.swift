public import Foundation
public import Kernel
public import MariaDB
import Persistence
public import Web

/// Who is asking, for the route groups: a bearer token's user, checked against the database on
/// every request so that a deleted or deactivated user or a changed role takes effect at once, not when the token
/// expires; a browser's session.
public struct TenancyAuthenticator: Authenticating {
    let tokens: TokenSigner
    let sessions: Sessions

    public func principal(bearer header: String?, db: Connection, now: Date) throws -> Principal {
        guard let header else {
            throw DomainError(.unauthorized, "Send a bearer token: Authorization: Bearer <token> (from POST /api/auth/token).")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw DomainError(.unauthorized, "The Authorization header must be: Bearer <token>.")
        }
        let claims: TokenSigner.Claims
        do {
            claims = try tokens.verify(String(parts[1]).trimmingWhitespaceAndNewlines(), now: now)
        } catch {
            throw DomainError(.invalidToken, error.message)
        }
        guard let user = try UserStore.find(claims.userId, in: db) else {
            throw DomainError(.invalidToken, "The bearer token's user no longer exists.")
        }
        guard user.deactivatedAt == nil else {
            throw DomainError(.invalidToken, "The bearer token's user has been deactivated.")
        }
        return user.principal
    }

    public func session(cookie: String?, db: Connection, now: Date) throws -> Session? {
        try sessions.current(cookie: cookie, db: db, now: now)
    }
}
