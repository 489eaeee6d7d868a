public import Foundation
public import Kernel

/// A tenant: everything else belongs to exactly one organization.
public struct Organization: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var createdAt: Date

    public init(id: UUID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// Someone who signs in; the password hash never leaves the storage layer.
public struct User: Sendable, Equatable {
    /// Where an account stands: signing in, waiting for its first password, or shut out.
    public enum Status: String, Sendable, CaseIterable {
        /// Signs in with its password.
        case active
        /// Added without a password: its invitation link sets one.
        case invited
        /// Kept for the audit trails but shut out: its tokens and sessions stopped working at once.
        case deactivated
    }

    public var id: UUID
    public var organizationId: UUID?
    public var email: String
    public var role: Role
    public var isPlatformAdmin: Bool
    public var createdAt: Date
    /// Whether the account has a password (an invited one has none until its link is followed).
    public var hasPassword: Bool
    public var deactivatedAt: Date?
    /// The IANA zone pages write this person's times in; `nil` until chosen or sent by the browser.
    public var timeZone: String?

    public init(id: UUID, organizationId: UUID?, email: String, role: Role, isPlatformAdmin: Bool, createdAt: Date,
                hasPassword: Bool = true, deactivatedAt: Date? = nil, timeZone: String? = nil) {
        self.id = id
        self.organizationId = organizationId
        self.email = email
        self.role = role
        self.isPlatformAdmin = isPlatformAdmin
        self.createdAt = createdAt
        self.hasPassword = hasPassword
        self.deactivatedAt = deactivatedAt
        self.timeZone = timeZone
    }

    public var status: Status {
        if deactivatedAt != nil { return .deactivated }
        return hasPassword ? .active : .invited
    }

    public var principal: Principal {
        Principal(userId: id, email: email, organizationId: organizationId, role: role, isPlatformAdmin: isPlatformAdmin, timeZone: timeZone)
    }
}
