import CostData
import Kernel

/// A budget as a person or a client typed it, before any checking: every value is still text.
///
/// The API fills it from JSON and the pages from a form, and both hand it to `BudgetValidator`, so
/// the rules and their messages are the same everywhere. `nil` means "not given".
public struct BudgetInput: Sendable, Equatable {
    public var organizationId: String?
    public var cspConnectionId: String?
    public var name: String?
    public var timeRange: String?
    public var renewalType: String?
    public var budgetType: String?
    public var startMonth: String?
    public var amount: String?
    public var selectedServiceIds: [String]?
    public var thresholdRules: [RuleInput]?
    public var alertRecipients: [String]?
    public var tagFilters: [TagFilterInput]?

    public init(
        organizationId: String? = nil, cspConnectionId: String? = nil, name: String? = nil, timeRange: String? = nil,
        renewalType: String? = nil, budgetType: String? = nil, startMonth: String? = nil, amount: String? = nil,
        selectedServiceIds: [String]? = nil, thresholdRules: [RuleInput]? = nil, alertRecipients: [String]? = nil,
        tagFilters: [TagFilterInput]? = nil
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

    /// One tag filter as typed: a key and the values it may have.
    public struct TagFilterInput: Sendable, Equatable {
        public var key: String?
        public var values: [String]?

        public init(key: String? = nil, values: [String]? = nil) {
            self.key = key
            self.values = values
        }
    }

    /// One threshold rule as typed.
    public struct RuleInput: Sendable, Equatable {
        public var percentage: String?
        public var amount: String?
        public var triggerType: String?

        public init(percentage: String? = nil, amount: String? = nil, triggerType: String? = nil) {
            self.percentage = percentage
            self.amount = amount
            self.triggerType = triggerType
        }
    }
}

extension BudgetInput {
    /// The input that reproduces `draft`, rules by the figure their owner chose: the starting point
    /// of an edit, onto which the changed fields are laid.
    public init(_ draft: BudgetDraft) {
        self.init(
            organizationId: draft.organizationId.lowercasedString,
            cspConnectionId: draft.cspConnectionId.lowercasedString,
            name: draft.name,
            timeRange: draft.timeRange.rawValue,
            renewalType: draft.renewalType.rawValue,
            budgetType: draft.budgetType.rawValue,
            startMonth: draft.startMonth.iso,
            amount: draft.amount.plainText,
            selectedServiceIds: draft.selectedServiceIds.map(\.lowercasedString),
            thresholdRules: draft.thresholdRules.map {
                $0.basis == .percentage
                    ? RuleInput(percentage: $0.percentage.plainText, triggerType: $0.triggerType.rawValue)
                    : RuleInput(amount: $0.amount.plainText, triggerType: $0.triggerType.rawValue)
            },
            alertRecipients: draft.alertRecipients,
            tagFilters: draft.tagFilters.map { TagFilterInput(key: $0.key, values: $0.values) })
    }

    /// `self` with every field that `changes` gives replaced (a PUT body or a submitted edit form).
    public func overlaid(with changes: BudgetInput) -> BudgetInput {
        var merged = self
        if let v = changes.organizationId { merged.organizationId = v }
        if let v = changes.cspConnectionId { merged.cspConnectionId = v }
        if let v = changes.name { merged.name = v }
        if let v = changes.timeRange { merged.timeRange = v }
        if let v = changes.renewalType { merged.renewalType = v }
        if let v = changes.budgetType { merged.budgetType = v }
        if let v = changes.startMonth { merged.startMonth = v }
        if let v = changes.amount { merged.amount = v }
        if let v = changes.selectedServiceIds { merged.selectedServiceIds = v }
        if let v = changes.thresholdRules { merged.thresholdRules = v }
        if let v = changes.alertRecipients { merged.alertRecipients = v }
        if let v = changes.tagFilters { merged.tagFilters = v }
        return merged
    }
}
