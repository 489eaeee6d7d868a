public import Kernel
public import Foundation

/// What an import did, for the person or program that ran it, and for the import record.
public struct ImportSummary: Sendable {
    /// The import's number in its organization: 1, 2, 3… (`importId` in the API).
    public var id: Int64
    public var connectionId: UUID
    public var fileName: String
    /// BLAKE2b-256 of the file as received (compressed, if it was): `b2sum -l 256 FILE`.
    public var checksum: String
    public var bytes: Int
    public var compressed: Bool
    public var rows: Int
    /// The billing periods the file covers; their line items were replaced.
    public var billingPeriods: [LocalDate]
    /// Line items of those periods that existed before and were replaced.
    public var replacedRows: Int
    /// The earlier imports those line items came from, by number.
    public var replacedImports: [Int64]
    public var billedTotal: Decimal
    public var effectiveTotal: Decimal
    public var servicesAdded: [String]
    public var rowsByProvider: [String: Int]
    public var warnings: [String]
    public var seconds: Double
}

/// Where an import stands while it runs, for progress bars.
public struct ImportProgress: Sendable {
    public var rawBytes: Int
    public var rows: Int
    public var elapsed: Duration
}

/// Who started an import and how; recorded with it.
public struct ImportRequest: Sendable {
    public enum Channel: String, Sendable { case cli, api, upload }

    public var organizationId: UUID
    public var connectionId: UUID
    public var fileName: String
    public var actor: Principal?
    public var channel: Channel

    public init(organizationId: UUID, connectionId: UUID, fileName: String, actor: Principal?, channel: Channel) {
        self.organizationId = organizationId
        self.connectionId = connectionId
        self.fileName = fileName
        self.actor = actor
        self.channel = channel
    }
}
