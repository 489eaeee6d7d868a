public import Foundation
public import Kernel
public import MariaDB

/// What other features read of an organization's users: who to tell (its active admins, say, when
/// a chargeback line is disputed).
public enum UserDirectory {
    /// The e-mail addresses of the organization's admins who can sign in (not deactivated), sorted.
    public static func adminEmails(organizationId: UUID, in db: any SQLReading) throws -> [String] {
        try UserStore.list(organizationId: organizationId, in: db).filter { $0.role == .admin && $0.deactivatedAt == nil }.map(\.email).sorted()
    }

    /// An active admin of the named organization, as the principal that acts (operators' commands
    /// act as a named admin, so what they do is recorded under someone); `nil` otherwise.
    public static func admin(email: String, organizationName: String, in db: any SQLReading) throws -> Principal? {
        guard let organization = try OrganizationStore.find(named: organizationName, in: db),
              let normalized = EmailAddress.normalized(email),
              let user = try UserStore.account(email: normalized, organizationId: organization.id, in: db),
              user.role == .admin, user.deactivatedAt == nil else { return nil }
        return user.principal
    }
}
