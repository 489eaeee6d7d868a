import Foundation
import HTTPKit
import Kernel
import MariaDB
import Sodium
import Web

/// Browser sessions: a random id in a signed cookie, the hash of the id in the database.
///
/// The signature lets a forged cookie be refused without a database round trip; the row lets
/// signing out end the session for real. The CSRF token of a session is an HMAC of its id, so it
/// needs no storage and cannot be guessed from the cookie's value.
struct Sessions: Sendable {
    static let cookie = PageRenderer.sessionCookie
    /// The cookie that binds the sign-in form's CSRF token before there is a session.
    static let preLoginCookie = "budgetd_login"
    /// Set when a browser signs in, for a year: proof that it signed in with this address before,
    /// which lets its owner in while the address is under a distributed guessing attack.
    static let deviceCookie = "budgetd_device"
    static let deviceCookieLifetime = 365 * 86_400
    let keys: SigningKeys
    /// Seconds a session lasts from sign-in.
    let lifetime: Int

    /// Starts a session for `user`; returns the cookie value to set.
    func start(for user: User, db: Connection, now: Date) throws -> String {
        let id = Base64URL.encode(Sodium.randomBytes(32))
        try db.transaction { tx in
            try SessionStore.create(idHash: Sessions.hash(id), userId: user.id, at: now,
                                    expiresAt: now.addingTimeInterval(TimeInterval(lifetime)), in: tx)
        }
        return id + "." + Base64URL.encode(Sodium.hmacSHA256(key: keys.session, message: Array(id.utf8)))
    }

    /// The session of a cookie, if it is genuine and the session is live.
    func current(cookie value: String?, db: Connection, now: Date) throws -> Session? {
        guard let value, let id = verifiedID(value) else { return nil }
        let idHash = Sessions.hash(id)
        guard let user = try SessionStore.user(idHash: idHash, at: now, in: db) else { return nil }
        return Session(principal: user.principal, csrfToken: csrfToken(binding: id), idHash: idHash)
    }

    func end(_ session: Session, db: Connection) throws {
        try db.transaction { tx in try SessionStore.delete(idHash: session.idHash, in: tx) }
    }

    /// The CSRF token bound to `value` (a session id or a pre-login nonce).
    func csrfToken(binding value: String) -> String {
        Base64URL.encode(Sodium.hmacSHA256(key: keys.csrf, message: Array(value.utf8)))
    }

    /// The pre-login cookie's nonce a form binds its CSRF token to: the browser's, or a new one.
    static func preLoginNonce(_ request: Request) -> String {
        request.cookies[preLoginCookie].flatMap { $0.utf8.count == 32 ? $0 : nil } ?? Base64URL.encode(Sodium.randomBytes(24))
    }

    /// The device cookie's value for an address: an HMAC of it, so it names nobody and cannot be forged.
    func deviceToken(email: String) -> String {
        Base64URL.encode(Sodium.hmacSHA256(key: keys.device, message: Array((EmailAddress.normalized(email) ?? email.lowercased()).utf8)))
    }

    /// Whether the device cookie `value` is the one of `email`.
    func isKnownDevice(_ value: String?, email: String) -> Bool {
        Routes.tokensMatch(value, deviceToken(email: email))
    }

    private func verifiedID(_ cookie: String) -> String? {
        let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].utf8.count == 43, let signature = Base64URL.decode(parts[1]) else { return nil }
        let expected = Sodium.hmacSHA256(key: keys.session, message: Array(parts[0].utf8))
        return Sodium.constantTimeEquals(signature, expected) ? parts[0] : nil
    }

    /// How a random secret is stored (a session id, a password link's token): its SHA-256, in hex,
    /// so that a copy of the table opens nothing.
    static func hash(_ secret: String) -> String { Sodium.hex(SHA256.hash(Array(secret.utf8))) }
}
