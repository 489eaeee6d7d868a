public import Foundation

/// A connection as reports name it.
public struct ReportConnection: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var currency: String

    public init(id: UUID, name: String, currency: String) {
        self.id = id
        self.name = name
        self.currency = currency
    }
}

/// An editor's explanation of a budget's variance in one month.
public struct Explanation: Sendable, Equatable {
    public var budgetId: UUID
    public var text: String
    public var authorEmail: String?
    public var updatedAt: Date

    public init(budgetId: UUID, text: String, authorEmail: String?, updatedAt: Date) {
        self.budgetId = budgetId
        self.text = text
        self.authorEmail = authorEmail
        self.updatedAt = updatedAt
    }
}
