public import Foundation

/// An address that receives a report by e-mail.
public struct ReportSubscription: Sendable, Equatable {
    public enum Report: String, Sendable, CaseIterable {
        case monthly
        case weekly
        case daily
    }

    public enum Format: String, Sendable, CaseIterable {
        /// The headline figures and a link.
        case summary
        /// The summary with the report's CSV attached.
        case full
    }

    public let id: UUID
    public let organizationId: UUID
    public let report: Report
    public let email: String
    public let format: Format
    public let createdAt: Date
}
