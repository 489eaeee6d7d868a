@testable import Allocation
import Foundation
import Kernel
import MariaDB
import Tenancy
import TestSupport
import Testing

/// The policy in MariaDB: replaced whole or not at all; compliance over real line items with the
/// keys written as providers write them.
@Suite("Tag policy storage and compliance queries", .enabled(if: TestDatabase.isAvailable))
struct TagPolicyStorageTests {
    let database: ThrowawayDatabase
    let db: Connection
    let tenant: Tenant

    init() throws {
        database = try TestDatabase.create()
        db = try database.connect()
        tenant = try Tenant.create(db)
    }

    var service: AllocationService { AllocationService(db: db, now: Date()) }

    @Test("a refused policy names every field and changes nothing")
    func refused() throws {
        let admin = tenant.admin.principal
        _ = try service.setPolicy([.init(key: "Environment", allowedValues: ["production"])], by: admin)
        let error = #expect(throws: DomainError.self) {
            try service.setPolicy([.init(key: "Owner", allowedValues: nil), .init(key: "user:OWNER", allowedValues: nil),
                                   .init(key: " ", allowedValues: nil), .init(key: "Team", allowedValues: []),
                                   .init(key: "Project", allowedValues: ["a", " "])], by: admin)
        }
        #expect(error?.fieldErrors.map(\.field) == ["requiredTags[1].key", "requiredTags[2].key", "requiredTags[3].allowedValues",
                                                    "requiredTags[4].allowedValues[1]"])
        #expect(try service.policy(for: admin) == TagPolicy(requiredTags: [.init(key: "Environment", allowedValues: ["production"])]))
    }

    @Test("only admins change it; values are trimmed and kept once")
    func admins() throws {
        let editor = Principal(userId: UUID(), email: "e@example.com", organizationId: tenant.organization.id, role: .editor, isPlatformAdmin: false)
        #expect(throws: DomainError.self) { try service.setPolicy([], by: editor) }
        let saved = try service.setPolicy([.init(key: " Owner ", allowedValues: [" a ", "A", "b"])], by: tenant.admin.principal)
        #expect(saved.requiredTags == [.init(key: "Owner", allowedValues: ["a", "b"])])
    }

    @Test("keys the service tells apart are stored apart, whatever the database's collation thinks (ß and ss)")
    func distinctKeys() throws {
        let saved = try service.setPolicy([.init(key: "Straße", allowedValues: nil), .init(key: "Strasse", allowedValues: nil)],
                                          by: tenant.admin.principal)
        #expect(try service.policy(for: tenant.admin.principal) == saved)
    }

    @Test("compliance reads the month's line items, tags as the files wrote them")
    func compliance() throws {
        _ = try service.setPolicy([.init(key: "Department", allowedValues: ["engineering"])], by: tenant.admin.principal)
        let june = LocalDate(year: 2025, month: 6, day: 1)!
        try insert(day: "2025-06-03", resource: "i-1", tags: #"{"user:Department": "Engineering"}"#, billed: "30.00")
        try insert(day: "2025-06-04", resource: "i-2", tags: #"{"department": "sales"}"#, billed: "10.00")
        try insert(day: "2025-06-05", resource: "i-3", tags: nil, billed: "10.00")
        try insert(day: "2025-07-01", resource: "i-1", tags: nil, billed: "99.00")
        let month = try service.compliance(month: june, for: tenant.admin.principal)
        let usd = try #require(month.current.currencies.first)
        #expect(usd.share.cost == 50 && usd.share.taggedCostPercentage == 60)
        #expect(usd.byKey == [.init(key: "Department", missingCost: 10, invalidCost: 10)])
        #expect(month.previous.currencies.isEmpty, "May had no costs")
    }

    func insert(day: String, resource: String, tags: String?, billed: String) throws {
        try tenant.cost(db, service: "Amazon EC2", day: day, billed: billed, resourceId: resource, tags: tags)
    }
}
