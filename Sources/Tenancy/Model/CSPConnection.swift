public import Foundation

/// Which cloud or SaaS vendor a connection bills from.
public enum Provider: String, CaseIterable, Sendable {
    case aws, azure, gcp, oci, other

    public var label: String {
        switch self {
        case .aws: "AWS"
        case .azure: "Microsoft Azure"
        case .gcp: "Google Cloud"
        case .oci: "Oracle Cloud"
        case .other: "Other"
        }
    }
}

/// A connected cloud or SaaS account whose costs budgets are measured against.
public struct CSPConnection: Sendable, Equatable {
    public var id: UUID
    public var organizationId: UUID
    public var name: String
    public var provider: Provider
    /// ISO 4217; cost rows in another currency are refused.
    public var currency: String
    public var createdAt: Date

    public init(id: UUID, organizationId: UUID, name: String, provider: Provider, currency: String, createdAt: Date) {
        self.id = id
        self.organizationId = organizationId
        self.name = name
        self.provider = provider
        self.currency = currency
        self.createdAt = createdAt
    }
}

/// A service in a connection's catalogue (Amazon EC2, Cloud Storage, …), selectable by budgets.
public struct CSPService: Sendable, Equatable {
    public var id: UUID
    public var cspConnectionId: UUID
    public var serviceName: String
    public var serviceCategory: String?

    public init(id: UUID, cspConnectionId: UUID, serviceName: String, serviceCategory: String?) {
        self.id = id
        self.cspConnectionId = cspConnectionId
        self.serviceName = serviceName
        self.serviceCategory = serviceCategory
    }
}
