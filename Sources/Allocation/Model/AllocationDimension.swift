public import Foundation
import CostData
import Kernel

/// How a dimension splits its shared services' cost among its values (framework 2.3).
public enum SharedMethod: String, Sendable, CaseIterable {
    /// In proportion to each value's direct cost.
    case proportional
    /// The same to every value.
    case even
    /// Fixed percentages that add up to 100 (the framework's 70/20/10).
    case fixed
    /// In proportion to a usage metric uploaded per value and month (API calls, storage GB, …).
    case metric
}

/// A rule that attributes a cost lacking the dimension's tag to a value: the framework's
/// "automated tagging rules". Rules are tried in order; the first that matches wins.
public struct AssignmentRule: Sendable, Equatable {
    public enum Match: Sendable, Equatable {
        case connection(UUID)
        /// The provider's `ServiceName`, compared ignoring case and surrounding spaces.
        case serviceName(String)
        case resourceIdGlob(Glob)
        /// Another tag's value, matched as `TagKey` says.
        case tag(key: String, value: String)
    }

    public let match: Match
    /// The value the cost is attributed to, as the organization writes it.
    public let value: String

    public init(match: Match, value: String) {
        self.match = match
        self.value = value
    }

    func matches(_ cost: AllocatableCost) -> Bool {
        switch match {
        case .connection(let id): return cost.connectionId == id
        case .serviceName(let name): return AllocationDimension.sameService(cost.serviceName, name)
        case .resourceIdGlob(let glob): return cost.resourceId.map(glob.matches) ?? false
        case .tag(let key, let value): return cost.tags.value(of: key)?.value == TagKey.normalizedValue(value)
        }
    }
}

/// An allocation dimension (framework section 2: departments, projects): the tag it reads, the
/// services it treats as shared and how it splits them, its rules, and its values' owners.
public struct AllocationDimension: Sendable, Equatable {
    public let id: UUID
    public var name: String
    public var tagKey: String
    public var sharedServices: [String]
    public var sharedMethod: SharedMethod
    /// Percent per value, in the order given; only with `.fixed`.
    public var fixedShares: [(value: String, percent: Decimal)]
    /// The usage metric's name; only with `.metric`.
    public var metric: String?
    public var rules: [AssignmentRule]
    /// Value (as written) → the e-mail address of who answers for it (the department head).
    public var owners: [(value: String, email: String)]
    /// Whether unattributed cost stays on its own "Unallocated" line instead of being spread as overhead.
    public var keepsUnallocated: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, name: String, tagKey: String, sharedServices: [String] = [], sharedMethod: SharedMethod = .proportional,
                fixedShares: [(value: String, percent: Decimal)] = [], metric: String? = nil, rules: [AssignmentRule] = [],
                owners: [(value: String, email: String)] = [], keepsUnallocated: Bool = false, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.tagKey = tagKey
        self.sharedServices = sharedServices
        self.sharedMethod = sharedMethod
        self.fixedShares = fixedShares
        self.metric = metric
        self.rules = rules
        self.owners = owners
        self.keepsUnallocated = keepsUnallocated
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static func == (a: AllocationDimension, b: AllocationDimension) -> Bool {
        a.id == b.id && a.name == b.name && a.tagKey == b.tagKey && a.sharedServices == b.sharedServices && a.sharedMethod == b.sharedMethod
            && a.fixedShares.map(\.value) == b.fixedShares.map(\.value) && a.fixedShares.map(\.percent) == b.fixedShares.map(\.percent)
            && a.metric == b.metric && a.rules == b.rules && a.owners.map(\.value) == b.owners.map(\.value)
            && a.owners.map(\.email) == b.owners.map(\.email) && a.keepsUnallocated == b.keepsUnallocated
    }

    /// Service names are the provider's; two spellings differing in case or spaces are one service.
    static func sameService(_ a: String, _ b: String) -> Bool { serviceKey(a) == serviceKey(b) }

    static func serviceKey(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }

    func isShared(_ serviceName: String) -> Bool { sharedServices.contains { AllocationDimension.sameService($0, serviceName) } }

    /// The owner of a value (matched as `TagKey` matches values).
    public func owner(of value: String) -> String? {
        owners.first { TagKey.normalizedValue($0.value) == TagKey.normalizedValue(value) }?.email
    }

    public static let maximumNameLength = 64
    public static let maximumRules = 200
    public static let maximumSharedServices = 100
    public static let maximumValues = 100
    public static let maximumDimensions = 20
}
