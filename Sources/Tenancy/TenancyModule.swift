import Foundation
import Sodium
public import Web

/// How tenancy is set up: the secret every signature derives from and how long credentials last.
public struct TenancySettings: Sendable {
    /// `BUDGETD_JWT_SECRET`: signs API tokens, session cookies and CSRF tokens; 32 characters or more.
    public var secret: String
    /// Seconds an API token is valid. Default 3600.
    public var tokenLifetime: Int
    /// Seconds a browser session lasts. Default 8 hours.
    public var sessionLifetime: Int

    public init(secret: String, tokenLifetime: Int = 3600, sessionLifetime: Int = 8 * 3600) {
        self.secret = secret
        self.tokenLifetime = tokenLifetime
        self.sessionLifetime = sessionLifetime
    }
}

/// Tenancy as the application composes it: who is asking (`authenticator`, for every route
/// group), and its own routes and pages.
public struct TenancyModule: Sendable {
    public let settings: TenancySettings
    let tokens: TokenSigner
    let sessions: Sessions
    public let authenticator: TenancyAuthenticator

    public init(settings: TenancySettings) {
        self.settings = settings
        let keys = SigningKeys(secret: settings.secret)
        tokens = TokenSigner(key: keys.apiToken, lifetime: settings.tokenLifetime)
        sessions = Sessions(keys: keys, lifetime: settings.sessionLifetime)
        authenticator = TenancyAuthenticator(tokens: tokens, sessions: sessions)
    }

    public func addRoutes(to routes: Routes) {
        AuthRoutes(tokens: tokens, sessions: sessions, settings: settings).add(to: routes)
        TenancyRoutes().add(to: routes)
        LoginPage(sessions: sessions, settings: settings).add(to: routes)
    }
}

extension Notice {
    static let signedOut = Notice("signed-out", "You have signed out.")
}

extension TenancyModule {
    public static let notices: [Notice] = [.signedOut]
}
