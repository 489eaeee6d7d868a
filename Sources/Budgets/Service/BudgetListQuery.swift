import Foundation
public import Kernel

/// What a reader of the budget list asked for: a name search, a status, an order and a page.
/// The same for the list API (`?q=&status=&sort=&limit=&offset=`) and the list page, so that 500
/// budgets stay usable in both. Without any of them the list is what it always was: every budget,
/// by name.
public struct BudgetListQuery: Sendable, Equatable {
    public enum SortKey: String, Sendable, CaseIterable {
        case name, amount, spend, utilization, status, daysRemaining
    }

    public static let maximumLimit = 500
    public static let maximumSearchLength = 100
    /// Far past any organization's budgets; bounds what a client can make the server count.
    public static let maximumOffset = 1_000_000

    /// Matched against the budget's and its connection's names, ignoring case and accents.
    public var search: String?
    public var status: BudgetStatus?
    public var sort: SortKey = .name
    public var descending = false
    /// `nil`: every matching budget.
    public var limit: Int?
    public var offset = 0

    public init(search: String? = nil, status: BudgetStatus? = nil, sort: SortKey = .name, descending: Bool = false,
                limit: Int? = nil, offset: Int = 0) {
        self.search = search
        self.status = status
        self.sort = sort
        self.descending = descending
        self.limit = limit
        self.offset = offset
    }

    /// Reads `q`, `status`, `sort` (a key, `-` before it for descending), `limit` and `offset`.
    /// - Throws: `DomainError.invalid` naming each parameter that is not understood.
    public init(parameters: (String) -> String?) throws(DomainError) {
        var errors: [FieldError] = []
        if let text = parameters("q") {
            // Counted as JSON Schema counts (code points), before blanks are trimmed: the document's maxLength.
            let length = text.unicodeScalars.count
            if length > Self.maximumSearchLength {
                errors.append(FieldError("q", "must be at most \(Self.maximumSearchLength) characters (it has \(length))"))
            } else if case let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty {
                search = trimmed
            }
        }
        if let text = parameters("status"), !text.isEmpty {
            if let value = BudgetStatus(rawValue: text) {
                status = value
            } else {
                errors.append(FieldError("status", "must be one of \(BudgetStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let text = parameters("sort"), !text.isEmpty {
            let descending = text.hasPrefix("-")
            if let key = SortKey(rawValue: descending ? String(text.dropFirst()) : text) {
                sort = key
                self.descending = descending
            } else {
                errors.append(FieldError("sort", "must be one of \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")), "
                                         + "with a - before it for descending order"))
            }
        }
        // Numbers may not be blank: the document types them as integers (a blank search or status is none).
        if let text = parameters("limit") {
            if let value = Int(text), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(FieldError("limit", "must be a whole number from 1 to \(Self.maximumLimit)"))
            }
        }
        if let text = parameters("offset") {
            if let value = Int(text), (0...Self.maximumOffset).contains(value) {
                offset = value
            } else {
                errors.append(FieldError("offset", "must be a whole number from 0 to \(Self.maximumOffset)"))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
    }

    /// The `sort` parameter that asks for this order: `-utilization`.
    public var sortParameter: String { (descending ? "-" : "") + sort.rawValue }

    /// Whether a search or a status narrows the list (paging and order do not).
    public var isFiltered: Bool { search != nil || status != nil }

    /// The budgets that match, in the asked order (ties by name, then id, so pages never overlap).
    public func matching(_ views: [BudgetView]) -> [BudgetView] {
        let needle = search.map(Self.folded)
        let kept: [(view: BudgetView, name: String)] = views.compactMap { view in
            if let status, view.metrics.status != status { return nil }
            let name = Self.folded(view.budget.name)
            if let needle, !name.contains(needle), !Self.folded(view.budget.cspConnectionName).contains(needle) { return nil }
            return (view, name)
        }
        return kept.sorted { a, b in
            switch compare(a, b) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: (a.name, a.view.budget.id.uuidString) < (b.name, b.view.budget.id.uuidString)
            }
        }.map(\.view)
    }

    /// The asked page of the matching budgets.
    public func page(of matching: [BudgetView]) -> ArraySlice<BudgetView> {
        let start = min(offset, matching.count)
        let end = limit.map { min(start + $0, matching.count) } ?? matching.count
        return matching[start..<end]
    }

    private func compare(_ x: (view: BudgetView, name: String), _ y: (view: BudgetView, name: String)) -> ComparisonResult {
        let (a, b) = (x.view, y.view)
        let result: ComparisonResult
        switch sort {
        case .name: result = Self.order(x.name, y.name)
        case .amount: result = Self.order(a.budget.amount, b.budget.amount)
        case .spend: result = Self.order(a.metrics.currentSpend, b.metrics.currentSpend)
        case .utilization: result = Self.order(a.metrics.utilizationPercentage, b.metrics.utilizationPercentage)
        case .status: result = Self.order(Self.severity(a.metrics.status), Self.severity(b.metrics.status))
        case .daysRemaining: result = Self.order(a.metrics.daysRemaining, b.metrics.daysRemaining)
        }
        guard descending else { return result }
        switch result {
        case .orderedAscending: return .orderedDescending
        case .orderedDescending: return .orderedAscending
        case .orderedSame: return .orderedSame
        }
    }

    /// Exceeded first when descending: the order a reader scanning for trouble wants.
    private static func severity(_ status: BudgetStatus) -> Int {
        switch status {
        case .inactive: 0
        case .active: 1
        case .warning: 2
        case .exceeded: 3
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
        a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
    }

    private static func folded(_ text: String) -> String { text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
}
