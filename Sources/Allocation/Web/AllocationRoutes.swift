import Foundation
import HTTPKit
import JSON
import Kernel
import Tenancy
import Web

/// `/api/tag-policy` (everyone reads, admins write) and `/api/allocation/compliance`.
struct AllocationRoutes {
    func add(to routes: Routes) {
        let api = routes.api

        api.get("/api/tag-policy") { _, api in
            .json(AllocationJSON.policy(try AllocationService(db: api.db, now: api.now).policy(for: api.principal)))
        }

        api.put("/api/tag-policy") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["requiredTags"])
            let inputs = fields.objectArray("requiredTags")?.enumerated().map { i, object in
                var tag = JSONFields(object, prefix: "requiredTags[\(i)]")
                tag.rejectUnknown(["key", "allowedValues"])
                let input = AllocationService.RequiredTagInput(key: tag.string("key"), allowedValues: tag.stringArray("allowedValues"))
                fields.absorb(tag)
                return input
            }
            let policy = try AllocationService(db: api.db, now: api.now).setPolicy(inputs, typeErrors: fields.errors.list, by: api.principal)
            return .json(AllocationJSON.policy(policy))
        }

        api.get("/api/allocation/compliance") { request, api in
            let month = try CompliancePage.month(request.query["month"], today: LocalDate(api.now))
            let compliance = try AllocationService(db: api.db, now: api.now).compliance(month: month, for: api.principal)
            let names = try ConnectionDirectory.connections(organizationId: try api.principal.requireOrganization(), in: api.db)
            return .json(AllocationJSON.compliance(compliance, connectionNames: Dictionary(uniqueKeysWithValues: names.map { ($0.id, $0.name) })))
        }
    }
}
