public import Foundation
public import Kernel

/// An issued monthly report: its figures frozen as JSON, with who issued it, when and a digest.
public struct IssuedVersion: Sendable, Equatable {
    public enum Channel: String, Sendable {
        case admin
        case subscription
    }

    public let organizationId: UUID
    public let month: LocalDate
    public let version: Int
    public let sha256: String
    public let issuedByEmail: String?
    public let issuedAt: Date
    public let issuedThrough: Channel
    public let forced: Bool
    /// The frozen document; empty in listings.
    public let document: String
}
