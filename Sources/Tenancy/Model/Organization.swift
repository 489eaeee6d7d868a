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
    public var id: UUID
    public var organizationId: UUID?
    public var email: String
    public var role: Role
    public var isPlatformAdmin: Bool
    public var createdAt: Date

    public init(id: UUID, organizationId: UUID?, email: String, role: Role, isPlatformAdmin: Bool, createdAt: Date) {
        self.id = id
        self.organizationId = organizationId
        self.email = email
        self.role = role
        self.isPlatformAdmin = isPlatformAdmin
        self.createdAt = createdAt
    }

    public var principal: Principal {
        Principal(userId: id, email: email, organizationId: organizationId, role: role, isPlatformAdmin: isPlatformAdmin)
    }
}
