public import Foundation
public import HTTPKit
import JSON
import Kernel
import Web

/// Setting a tenant up without touching the database: organizations (platform admins), connections
/// and their service catalogues (admins write, everyone reads). Users are `UserRoutes`'.
struct TenancyRoutes {
    func add(to routes: Routes) {
        let api = routes.api

        api.post("/api/organizations") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["name", "admin"])
            let name = fields.string("name")
            var admin = JSONFields(fields.object("admin") ?? [:], prefix: "admin")
            admin.rejectUnknown(["email", "password"])
            let email = admin.string("email")
            let password = admin.string("password")
            fields.absorb(admin)
            let (organization, user) = try TenancyService(db: api.db).createOrganization(
                name: name, adminEmail: email, adminPassword: password, typeErrors: fields.errors.list, by: api.principal)
            return .created(["organization": TenancyJSON.organization(organization), "admin": TenancyJSON.user(user)],
                            location: "/api/organizations/\(organization.id.lowercasedString)")
        }

        /// What `POST /api/organizations` points its `Location` at.
        api.get("/api/organizations/:id") { request, api in
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Organization"))
            return .json(TenancyJSON.organization(try TenancyService(db: api.db).organization(id, for: api.principal)))
        }

        api.get("/api/connections") { _, api in
            .json(["connections": .array(try TenancyService(db: api.db).connections(for: api.principal).map(TenancyJSON.connection))])
        }

        api.post("/api/connections") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["name", "provider", "currency"])
            let created = try TenancyService(db: api.db).createConnection(
                name: fields.string("name"), provider: fields.string("provider"), currency: fields.string("currency"),
                typeErrors: fields.errors.list, by: api.principal)
            return .created(TenancyJSON.connection(created), location: "/api/connections/\(created.id.lowercasedString)")
        }

        api.get("/api/connections/:id") { request, api in
            .json(TenancyJSON.connection(try TenancyService(db: api.db).connection(try request.connectionId(), for: api.principal)))
        }

        api.patch("/api/connections/:id") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["name"])
            let name = fields.string("name")
            return .json(TenancyJSON.connection(try TenancyService(db: api.db).renameConnection(
                try request.connectionId(), to: name, typeErrors: fields.errors.list, by: api.principal)))
        }

        api.get("/api/connections/:id/services") { request, api in
            let services = try TenancyService(db: api.db).services(ofConnection: try request.connectionId(), for: api.principal)
            return .json(["services": .array(services.map(TenancyJSON.service))])
        }

        api.post("/api/connections/:id/services") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["serviceName", "serviceCategory"])
            let service = try TenancyService(db: api.db).addService(
                toConnection: try request.connectionId(), name: fields.string("serviceName"), category: fields.string("serviceCategory"),
                typeErrors: fields.errors.list, by: api.principal)
            return .json(TenancyJSON.service(service), status: .created)
        }
    }
}

extension Request {
    /// The `:id` of a connection route; an id that cannot exist reads like an unknown one (404).
    public func connectionId(_ name: String = "id") throws -> UUID {
        try parameter(name, as: UUID.self, invalid: DomainError.notFound("Connection"))
    }
}
