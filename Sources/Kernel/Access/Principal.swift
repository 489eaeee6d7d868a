public import Foundation

/// Who is asking: the signed-in user, as proven by a token or a session.
public struct Principal: Sendable, Equatable {
    public let userId: UUID
    public let email: String
    /// `nil` for a platform administrator who belongs to no organization.
    public let organizationId: UUID?
    public let role: Role
    /// May create organizations (and nothing more inside other organizations).
    public let isPlatformAdmin: Bool
    /// The IANA zone the person reads times in (`Europe/Paris`); `nil` until chosen or sent by the browser.
    public let timeZone: String?

    public init(userId: UUID, email: String, organizationId: UUID?, role: Role, isPlatformAdmin: Bool, timeZone: String? = nil) {
        self.userId = userId
        self.email = email
        self.organizationId = organizationId
        self.role = role
        self.isPlatformAdmin = isPlatformAdmin
        self.timeZone = timeZone
    }

    /// The caller's organization.
    /// - Throws: `.forbidden` for a platform administrator without one.
    public func requireOrganization() throws(DomainError) -> UUID {
        guard let organizationId else {
            throw DomainError.forbidden("This account belongs to no organization; sign in with an organization account.")
        }
        return organizationId
    }

    /// - Throws: `.forbidden` unless the caller has at least `role`.
    public func require(_ role: Role, to action: String) throws(DomainError) {
        guard self.role >= role, organizationId != nil else {
            throw DomainError.forbidden("Your role (\(self.role.rawValue)) may not \(action); it needs \(role.rawValue).")
        }
    }

    /// - Throws: `.forbidden` when `organizationId` is not the caller's own: naming another
    ///   organization in a path or body is refused outright.
    public func requireOwn(organization organizationId: UUID) throws(DomainError) {
        guard organizationId == self.organizationId else {
            throw DomainError.forbidden("You may only work with your own organization.")
        }
    }

    public var canEditBudgets: Bool { organizationId != nil && role >= .editor }
    public var canAdministerOrganization: Bool { organizationId != nil && role >= .admin }
}
