public import CostData
public import Foundation
public import Kernel

/// A budget as stored: its definition, its relations and its audit columns.
///
/// Spend figures are not part of it; they come from cost line items and are computed on read
/// (`BudgetMetrics`).
public struct Budget: Sendable, Equatable {
    public var id: UUID
    public var organizationId: UUID
    public var organizationName: String
    public var cspConnectionId: UUID
    public var cspConnectionName: String
    /// ISO 4217 code of the connection's billing currency.
    public var currency: String
    public var name: String
    public var timeRange: TimeRange
    public var renewalType: RenewalType
    public var budgetType: BudgetType
    public var startMonth: LocalDate
    public var amount: Decimal
    public var selectedServices: [SelectedService]
    /// The tags its costs must carry besides its services (keys AND, values OR); empty for any.
    public var tagFilters: [TagFilter]
    public var thresholdRules: [ThresholdRule]
    public var alertRecipients: [AlertRecipient]
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: UUID?
    public var updatedBy: UUID?
    /// Incremented by every change; carried in the ETag for optimistic locking.
    public var version: Int
    /// When it was (softly) deleted; `nil` while it is live. Only reports read deleted budgets.
    public var deletedAt: Date?

    public init(
        id: UUID, organizationId: UUID, organizationName: String, cspConnectionId: UUID, cspConnectionName: String,
        currency: String, name: String, timeRange: TimeRange, renewalType: RenewalType, budgetType: BudgetType,
        startMonth: LocalDate, amount: Decimal, selectedServices: [SelectedService], thresholdRules: [ThresholdRule],
        alertRecipients: [AlertRecipient], createdAt: Date, updatedAt: Date, createdBy: UUID?, updatedBy: UUID?, version: Int,
        deletedAt: Date? = nil, tagFilters: [TagFilter] = []
    ) {
        self.id = id
        self.organizationId = organizationId
        self.organizationName = organizationName
        self.cspConnectionId = cspConnectionId
        self.cspConnectionName = cspConnectionName
        self.currency = currency
        self.name = name
        self.timeRange = timeRange
        self.renewalType = renewalType
        self.budgetType = budgetType
        self.startMonth = startMonth
        self.amount = amount
        self.selectedServices = selectedServices
        self.tagFilters = tagFilters
        self.thresholdRules = thresholdRules
        self.alertRecipients = alertRecipients
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The editable definition, as a draft to validate changes against.
    public var draft: BudgetDraft {
        BudgetDraft(
            organizationId: organizationId, cspConnectionId: cspConnectionId, name: name, timeRange: timeRange,
            renewalType: renewalType, budgetType: budgetType, startMonth: startMonth, amount: amount,
            selectedServiceIds: selectedServices.map(\.id), thresholdRules: thresholdRules,
            alertRecipients: alertRecipients.map(\.email), tagFilters: tagFilters)
    }
}

/// A service of the budget's connection that the budget is limited to.
public struct SelectedService: Sendable, Equatable {
    public var id: UUID
    public var serviceName: String
    public var selected: Bool

    public init(id: UUID, serviceName: String, selected: Bool = true) {
        self.id = id
        self.serviceName = serviceName
        self.selected = selected
    }
}

/// Someone who receives this budget's alerts.
public struct AlertRecipient: Sendable, Equatable {
    public var id: UUID
    public var email: String

    public init(id: UUID, email: String) {
        self.id = id
        self.email = email
    }
}

/// A validated budget definition, ready to store: what a create request or an edit form says.
public struct BudgetDraft: Sendable, Equatable {
    public var organizationId: UUID
    public var cspConnectionId: UUID
    public var name: String
    public var timeRange: TimeRange
    public var renewalType: RenewalType
    public var budgetType: BudgetType
    public var startMonth: LocalDate
    public var amount: Decimal
    public var selectedServiceIds: [UUID]
    public var thresholdRules: [ThresholdRule]
    public var alertRecipients: [String]
    public var tagFilters: [TagFilter]

    public init(
        organizationId: UUID, cspConnectionId: UUID, name: String, timeRange: TimeRange, renewalType: RenewalType,
        budgetType: BudgetType, startMonth: LocalDate, amount: Decimal, selectedServiceIds: [UUID],
        thresholdRules: [ThresholdRule], alertRecipients: [String], tagFilters: [TagFilter] = []
    ) {
        self.organizationId = organizationId
        self.cspConnectionId = cspConnectionId
        self.name = name
        self.timeRange = timeRange
        self.renewalType = renewalType
        self.budgetType = budgetType
        self.startMonth = startMonth
        self.amount = amount
        self.selectedServiceIds = selectedServiceIds
        self.thresholdRules = thresholdRules
        self.alertRecipients = alertRecipients
        self.tagFilters = tagFilters
    }
}
