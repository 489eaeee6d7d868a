import BudgetCore
import BudgetStorage
import Foundation
import MariaDB

/// Turns a request's bearer token into the caller, checked against the database on every request
/// so that a deleted user or a changed role takes effect at once, not when the token expires.
struct Authenticator: Sendable {
    let tokens: TokenSigner

    func principal(for request: Request, connection: Connection, now: Date) throws -> Principal {
        guard let header = request.headers["authorization"] else {
            throw HTTPError(.unauthorized, code: "unauthorized", "Send a bearer token: Authorization: Bearer <token> (from POST /api/auth/token).")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HTTPError(.unauthorized, code: "unauthorized", "The Authorization header must be: Bearer <token>.")
        }
        let claims: TokenSigner.Claims
        do {
            claims = try tokens.verify(String(parts[1]).trimmingSpaces(), now: now)
        } catch {
            throw HTTPError(.unauthorized, code: "invalid_token", error.message,
                            headers: [("WWW-Authenticate", "Bearer realm=\"budgetd\", error=\"invalid_token\"")])
        }
        guard let user = try MariaDBUserRepository(connection: connection).find(claims.userId) else {
            throw HTTPError(.unauthorized, code: "invalid_token", "The bearer token's user no longer exists.",
                            headers: [("WWW-Authenticate", "Bearer realm=\"budgetd\", error=\"invalid_token\"")])
        }
        return user.principal
    }
}
