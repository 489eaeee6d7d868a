public import Foundation
public import JSON
public import Kernel

/// What people did to reports: explanations written and versions issued, with who and when.
public struct ReportAuditEntry: Sendable, Equatable {
    public enum Action: String, Sendable {
        case explained
        case issued
    }

    public let id: Int64
    public let month: LocalDate
    public let action: Action
    public let budgetId: UUID?
    public let version: Int?
    public let actorEmail: String?
    public let detail: JSONValue?
    public let createdAt: Date
}
