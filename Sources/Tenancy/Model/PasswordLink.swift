public import Foundation

/// A link that sets an account's password: the invitation of a user added without one, or the
/// reset a person asks for on the sign-in page. Its token is random and shown only in the e-mail;
/// it works once, and not after it expires.
public struct PasswordLink: Sendable, Equatable {
    public enum Purpose: String, Sendable {
        case invitation
        case reset

        /// How long a link stays valid: long enough to read one's mail, short enough that an old
        /// mailbox opens nothing.
        public var lifetime: TimeInterval {
            switch self {
            case .invitation: 7 * 86_400
            case .reset: 30 * 60
            }
        }
    }

    /// At most this many reset links per account per hour; more requests change nothing, and the
    /// page answers the same, so it can be used neither to flood a mailbox nor to probe addresses.
    public static let resetsPerHour = 3

    public let user: User
    public let organizationName: String
    public let purpose: Purpose
    public let expiresAt: Date
}
