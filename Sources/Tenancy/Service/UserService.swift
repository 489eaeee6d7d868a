public import Foundation
public import Kernel
public import MariaDB
import Notifications
import Persistence
import Sodium
public import Templating

/// An organization's people, for its admins: adding (with a password, or inviting by e-mail),
/// changing roles, deactivating and reactivating; and, for anyone, setting a password through a
/// link (an invitation or a reset asked for on the sign-in page).
///
/// A link's e-mail is written to the outbox in the transaction that creates the link, so exactly
/// one message goes out per link. Deactivating ends the user's sessions and links in the same
/// transaction, and the authenticator refuses its tokens from then on.
public struct UserService {
    public let db: Connection
    public let now: Date
    let templates: TemplateLibrary
    let publicURL: String

    public init(db: Connection, now: Date, templates: TemplateLibrary, publicURL: String) {
        self.db = db
        self.now = now
        self.templates = templates
        self.publicURL = publicURL
    }

    public func users(for principal: Principal) throws -> [User] {
        try principal.require(.admin, to: "list users")
        return try UserStore.list(organizationId: try principal.requireOrganization(), in: db)
    }

    /// One user of the caller's organization; another tenant's reads as missing.
    public func user(_ id: UUID, for principal: Principal) throws -> User {
        try principal.require(.admin, to: "read users")
        guard let user = try UserStore.find(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("User")
        }
        return user
    }

    /// An account in the caller's organization (see `UserStore`: an address elsewhere is another
    /// account). Without a password, the user is invited: an e-mail with a link that sets one.
    /// - Parameter password: `nil` to invite (an empty one is refused as too short).
    public func addUser(email: String?, password: String?, role: String?, typeErrors: [FieldError] = [],
                        by principal: Principal) throws -> User {
        try principal.require(.admin, to: "add users")
        var errors = FieldErrors(reported: typeErrors)
        let email = FieldRules.email(email, field: "email", errors: &errors)
        let invite = password == nil
        let checkedPassword = invite ? nil : TenancyValidator.password(password, field: "password", errors: &errors)
        let role: Role? = FieldRules.choice(role, field: "role", errors: &errors)
        try errors.check()
        guard let email, let role, invite || checkedPassword != nil else { throw DomainError.invalid(errors.list) }
        let organizationId = try principal.requireOrganization()
        let hash = try checkedPassword.map { try PasswordHash.hash($0) }
        let organizationName = try OrganizationStore.find(organizationId, in: db)?.name ?? "your organization"
        return try db.transaction { tx in
            let user = try UserStore.create(
                NewUser(organizationId: organizationId, email: email, passwordHash: hash, role: role, isPlatformAdmin: false),
                createdBy: principal.userId, in: tx)
            if invite {
                try sendLink(.invitation, to: user, organizationName: organizationName, invitedBy: principal.email, in: tx)
            }
            return user
        }
    }

    /// Sends an invited user a new invitation (the earlier links stop working).
    public func reinvite(_ id: UUID, by principal: Principal) throws -> User {
        let user = try user(id, for: principal)
        guard user.status == .invited else {
            throw DomainError(.conflict, user.status == .active
                ? "\(user.email) has set a password already; they can reset it from the sign-in page."
                : "\(user.email) is deactivated; reactivate the account first.")
        }
        let organizationName = try OrganizationStore.find(try principal.requireOrganization(), in: db)?.name ?? "your organization"
        try db.transaction { tx in
            try PasswordLinkStore.expireAll(ofUser: user.id, at: now, in: tx)
            try sendLink(.invitation, to: user, organizationName: organizationName, invitedBy: principal.email, in: tx)
        }
        return user
    }

    /// Changes a user's role and whether it is active. Admins cannot change their own account, so
    /// an organization always keeps at least the admin who made the change.
    /// - Parameters:
    ///   - role: `nil` keeps it.
    ///   - active: `false` deactivates, `true` reactivates, `nil` keeps it.
    public func update(_ id: UUID, role: String?, active: Bool?, typeErrors: [FieldError] = [], by principal: Principal) throws -> User {
        let user = try user(id, for: principal)
        var errors = FieldErrors(reported: typeErrors)
        let newRole: Role? = role == nil ? nil : FieldRules.choice(role, field: "role", errors: &errors)
        try errors.check()
        if user.id == principal.userId, (newRole.map { $0 != user.role } ?? false) || active == false {
            throw DomainError(.conflict, "You cannot change your own role or deactivate yourself; another admin can.")
        }
        return try db.transaction { tx in
            if let newRole, newRole != user.role { try UserStore.setRole(newRole, of: user.id, in: tx) }
            if active == false, user.deactivatedAt == nil {
                try UserStore.setDeactivated((now, principal.userId), of: user.id, in: tx)
                try SessionStore.deleteAll(ofUser: user.id, in: tx)
                try PasswordLinkStore.expireAll(ofUser: user.id, at: now, in: tx)
            } else if active == true, user.deactivatedAt != nil {
                try UserStore.setDeactivated(nil, of: user.id, in: tx)
            }
            guard let updated = try UserStore.find(user.id, in: tx) else { throw DomainError.notFound("User") }
            return updated
        }
    }

    // MARK: - One's own account

    /// The zones a person may choose: the IANA names this system knows, and UTC.
    public static let timeZones: [String] = {
        var zones = TimeZone.knownTimeZoneIdentifiers.filter { TimeZone(identifier: $0) != nil }
        if !zones.contains("UTC") { zones.append("UTC") }
        return zones.sorted()
    }()

    /// Sets the zone the caller reads times in; `nil` goes back to the browser's (sent by the next page).
    /// - Parameter onlyIfUnset: what a browser sends by itself, which must not override a choice.
    /// - Throws: `.invalid` naming `field` for a name that is not an IANA zone.
    public func setTimeZone(_ identifier: String?, field: String = "timeZone", onlyIfUnset: Bool = false,
                            for principal: Principal) throws -> User {
        var zone: String?
        if let identifier, !identifier.isEmpty {
            guard UserService.timeZones.contains(identifier) else {
                throw DomainError.invalid([FieldError(field, "must be an IANA time zone such as Europe/Paris or America/New_York")])
            }
            zone = identifier
        }
        return try db.transaction { tx in
            try UserStore.setTimeZone(zone, of: principal.userId, onlyIfUnset: onlyIfUnset, in: tx)
            guard let user = try UserStore.find(principal.userId, in: tx) else { throw DomainError.notFound("User") }
            return user
        }
    }

    // MARK: - Password links

    /// Sends a reset link to every active account of the address in an organization (at most
    /// `PasswordLink.resetsPerHour` per account per hour). Says nothing about whether any exists:
    /// the caller shows the same answer either way.
    public func requestReset(email rawEmail: String) throws {
        guard let email = EmailAddress.normalized(rawEmail) else { return }
        let accounts = try UserStore.resettableAccounts(email: email, in: db)
        for account in accounts {
            guard let organizationId = account.organizationId,
                  try PasswordLinkStore.count(ofUser: account.id, purpose: .reset, since: now.addingTimeInterval(-3600), in: db)
                    < PasswordLink.resetsPerHour else { continue }
            let organizationName = try OrganizationStore.find(organizationId, in: db)?.name ?? "your organization"
            try db.transaction { tx in try sendLink(.reset, to: account, organizationName: organizationName, invitedBy: nil, in: tx) }
        }
    }

    /// The live link of a token: unused, unexpired, its account not deactivated.
    public func link(token: String) throws -> PasswordLink? {
        guard let hash = UserService.tokenHash(token) else { return nil }
        return try PasswordLinkStore.live(tokenHash: hash, at: now, in: db)
    }

    /// Sets the password of a link's account and uses the link up; every other link of the account
    /// and every session of it end (a reset signs out everywhere).
    /// - Throws: `.invalid` naming `password` or `confirmation`; `.notFound` when the link is
    ///   unknown, used or expired.
    public func setPassword(token: String, password: String?, confirmation: String?) throws -> User {
        guard let hash = UserService.tokenHash(token), let link = try PasswordLinkStore.live(tokenHash: hash, at: now, in: db) else {
            throw UserService.deadLink
        }
        var errors = FieldErrors()
        let password = TenancyValidator.password(password, field: "password", errors: &errors)
        if let password, password != confirmation { errors.add("confirmation", "must be the same password as above") }
        try errors.check()
        guard let password else { throw DomainError.invalid(errors.list) }
        let passwordHash = try PasswordHash.hash(password)
        return try db.transaction { tx in
            guard try PasswordLinkStore.use(tokenHash: hash, at: now, in: tx) else { throw UserService.deadLink }
            try UserStore.setPassword(hash: passwordHash, of: link.user.id, in: tx)
            try PasswordLinkStore.expireAll(ofUser: link.user.id, at: now, in: tx)
            try SessionStore.deleteAll(ofUser: link.user.id, in: tx)
            guard let user = try UserStore.find(link.user.id, in: tx) else { throw UserService.deadLink }
            return user
        }
    }

    static let deadLink = DomainError(.notFound, "This link has expired or was used already. Ask for a new one from the sign-in page.")

    /// The stored form of a token; `nil` for text that cannot be one (so it is never looked up).
    static func tokenHash(_ token: String) -> String? {
        guard token.utf8.count == 43, Base64URL.decode(token) != nil else { return nil }
        return Sessions.hash(token)
    }

    /// Creates a link and its e-mail, in the caller's transaction.
    private func sendLink(_ purpose: PasswordLink.Purpose, to user: User, organizationName: String, invitedBy: String?,
                          in tx: Transaction) throws {
        guard let organizationId = user.organizationId else { return }
        let token = Base64URL.encode(Sodium.randomBytes(32))
        let expiresAt = now.addingTimeInterval(purpose.lifetime)
        try PasswordLinkStore.create(tokenHash: Sessions.hash(token), user: user, organizationId: organizationId,
                                     purpose: purpose, at: now, expiresAt: expiresAt, in: tx)
        let mail = try PasswordLinkMail(purpose: purpose, user: user, organizationName: organizationName, token: token,
                                        expiresAt: expiresAt, invitedBy: invitedBy, templates: templates, publicURL: publicURL)
        try Outbox.enqueueEmail(organizationId: organizationId, budgetId: nil, breachId: nil, to: user.email, subject: mail.subject,
                                text: mail.text, html: mail.html, at: now, in: tx)
    }
}
