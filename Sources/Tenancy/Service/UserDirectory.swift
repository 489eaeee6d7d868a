public import Foundation
import Kernel
public import MariaDB

/// What other features read of an organization's users: who to tell (its active admins, say, when
/// a chargeback line is disputed).
public enum UserDirectory {
    /// The e-mail addresses of the organization's admins who can sign in (not deactivated), sorted.
    public static func adminEmails(organizationId: UUID, in db: any SQLReading) throws -> [String] {
        try UserStore.list(organizationId: organizationId, in: db).filter { $0.role == .admin && $0.deactivatedAt == nil }.map(\.email).sorted()
    }
}
