public import Foundation
public import MariaDB
import Sodium
public import Templating
public import Web

/// How tenancy is set up: the secret every signature derives from and how long credentials last.
public struct TenancySettings: Sendable {
    /// `BUDGETD_JWT_SECRET`: signs API tokens, session cookies and CSRF tokens; 32 characters or more.
    public var secret: String
    /// Seconds an API token is valid. Default 3600.
    public var tokenLifetime: Int
    /// Seconds a browser session lasts. Default 8 hours.
    public var sessionLifetime: Int
    /// `BUDGETD_PUBLIC_URL`: where the links of invitations and password resets point.
    public var publicURL: String

    public init(secret: String, tokenLifetime: Int = 3600, sessionLifetime: Int = 8 * 3600, publicURL: String = "http://127.0.0.1:8080") {
        self.secret = secret
        self.tokenLifetime = tokenLifetime
        self.sessionLifetime = sessionLifetime
        self.publicURL = publicURL
    }
}

/// Tenancy as the application composes it: who is asking (`authenticator`, for every route
/// group), and its own routes and pages.
public struct TenancyModule: Sendable {
    public let settings: TenancySettings
    let templates: TemplateLibrary
    let tokens: TokenSigner
    let sessions: Sessions
    public let authenticator: TenancyAuthenticator

    public init(settings: TenancySettings, templates: TemplateLibrary) {
        self.settings = settings
        self.templates = templates
        let keys = SigningKeys(secret: settings.secret)
        tokens = TokenSigner(key: keys.apiToken, lifetime: settings.tokenLifetime)
        sessions = Sessions(keys: keys, lifetime: settings.sessionLifetime)
        authenticator = TenancyAuthenticator(tokens: tokens, sessions: sessions)
    }

    /// The people use cases, with what their e-mails need.
    public func users(_ db: Connection, now: Date) -> UserService {
        UserService(db: db, now: now, templates: templates, publicURL: settings.publicURL)
    }

    public func addRoutes(to routes: Routes) {
        AuthRoutes(module: self).add(to: routes)
        TenancyRoutes().add(to: routes)
        UserRoutes(module: self).add(to: routes)
        LoginPage(sessions: sessions, settings: settings).add(to: routes)
        UsersPage(module: self).add(to: routes)
        PasswordPages(module: self).add(to: routes)
        AccountPage(module: self).add(to: routes)
    }
}

extension Notice {
    static let signedOut = Notice("signed-out", "You have signed out.")
    static let userAdded = Notice("user-added", "The user was added; they can sign in with the password you chose.")
    static let userInvited = Notice("user-invited", "The invitation is on its way: the user chooses a password from the e-mail's link.")
    static let userChanged = Notice("user-changed", "The user was changed.")
    static let userDeactivated = Notice("user-deactivated", "The user was deactivated: their sessions and tokens stopped working.")
    static let passwordSet = Notice("password-set", "Your password is set. Sign in with it.")
    static let accountSaved = Notice("account-saved", "Your settings were saved.")
}

extension TenancyModule {
    public static let notices: [Notice] = [.signedOut, .userAdded, .userInvited, .userChanged, .userDeactivated, .passwordSet, .accountSaved]
}
