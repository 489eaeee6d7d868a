public import Foundation
public import Kernel

/// A chargeback statement as issued: frozen (the document and its checksum never change), with
/// each value's line as its owner answered it and the disputes raised against it. Adjustments
/// move cents between values of one currency, so the statement still adds up.
public struct IssuedStatement: Sendable, Equatable {
    public enum LineStatus: String, Sendable {
        case pending, accepted, disputed
    }

    public struct Line: Sendable, Equatable {
        public let currency: String
        public let key: String
        public let value: String
        /// As issued.
        public let total: Cents
        public let ownerEmail: String?
        public let status: LineStatus
        public let respondedAt: Date?
        public let respondedBy: String?
    }

    public enum DisputeStatus: String, Sendable {
        case open, adjusted, rejected
    }

    public struct Dispute: Sendable, Equatable {
        public let id: UUID
        public let statementId: UUID
        public let currency: String
        public let key: String
        public let serviceName: String?
        public let reason: String
        public let raisedAt: Date
        public let raisedBy: String
        public let status: DisputeStatus
        public let resolution: String?
        public let resolvedAt: Date?
        public let resolvedBy: String?
        /// With `.adjusted`: the value that takes over `adjustment` from the disputed one.
        public let adjustmentTo: String?
        public let adjustment: Cents?

        /// Days from raised to resolved (to `now` while open), to one decimal.
        public func days(now: Date) -> Decimal {
            let seconds = (resolvedAt ?? now).timeIntervalSince(raisedAt)
            return (Decimal(seconds) / 86_400).rounded(1)
        }
    }

    public let id: UUID
    public let dimensionId: UUID
    public let dimension: String
    public let month: LocalDate
    public let version: Int
    public let document: String
    public let checksum: String
    public let issuedAt: Date
    public let issuedBy: String?
    public let lines: [Line]
    public let disputes: [Dispute]

    /// A line's total after the adjustments of resolved disputes.
    public func adjustedTotal(of line: Line) -> Cents {
        var total = line.total
        for dispute in disputes where dispute.status == .adjusted && dispute.currency == line.currency {
            guard let amount = dispute.adjustment else { continue }
            if dispute.key == line.key { total = total - amount }
            if dispute.adjustmentTo == line.key { total = total + amount }
        }
        return total
    }
}

/// The allocation KPIs of section 4.2 over issued statements: chargeback acceptance (> 95 %) and
/// the time to resolve disputes (< 5 days).
public struct ChargebackKPIs: Sendable, Equatable {
    public static let acceptanceTarget: Decimal = 95
    public static let resolutionTargetDays: Decimal = 5

    /// Lines with an owner, of the latest version of each statement.
    public let ownedLines: Int
    public let acceptedLines: Int
    public let resolvedDisputes: Int
    public let openDisputes: Int
    /// Mean days to resolve, one decimal; `nil` before any dispute was resolved.
    public let meanDaysToResolve: Decimal?

    /// Two decimals; `nil` without owned lines.
    public var acceptanceRate: Decimal? {
        ownedLines == 0 ? nil : (Decimal(acceptedLines) * 100 / Decimal(ownedLines)).rounded(2)
    }

    public init(statements: [IssuedStatement]) {
        let owned = statements.flatMap { $0.lines.filter { $0.ownerEmail != nil } }
        ownedLines = owned.count
        acceptedLines = owned.filter { $0.status == .accepted }.count
        let disputes = statements.flatMap(\.disputes)
        let resolved = disputes.filter { $0.status != .open }
        resolvedDisputes = resolved.count
        openDisputes = disputes.count - resolved.count
        meanDaysToResolve = resolved.isEmpty ? nil
            : (resolved.map { $0.days(now: $0.resolvedAt ?? $0.raisedAt) }.reduce(0, +) / Decimal(resolved.count)).rounded(1)
    }
}
