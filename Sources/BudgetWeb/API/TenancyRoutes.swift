import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB
import Sodium

/// Setting a tenant up without touching the database: organizations (platform admins), users
/// (organization admins), connections and their service catalogues (admins write, everyone reads).
enum TenancyRoutes {
    static func add(to router: inout Router, _ services: Services) {
        router.post("/api/organizations") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            guard principal.isPlatformAdmin else { throw DomainError.forbidden("Only platform administrators create organizations.") }
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["name", "admin"])
            let name = TenancyValidator.name(fields.string("name"), field: "name", maximum: 255, errors: &fields.errors)
            var admin = JSONFields(fields.object("admin") ?? [:], prefix: "admin")
            admin.rejectUnknown(["email", "password"])
            let email = TenancyValidator.email(admin.string("email"), field: "admin.email", errors: &admin.errors)
            let password = TenancyValidator.password(admin.string("password"), field: "admin.password", errors: &admin.errors)
            fields.absorb(admin)
            try fields.check()
            guard let name, let email, let password else { throw DomainError.invalid(fields.errors) }
            let (organization, user) = try MariaDBOrganizationRepository(connection: connection).create(
                name: name, adminEmail: email, adminPasswordHash: try PasswordHash.hash(password), createdBy: principal.userId)
            var response = Response.json(["organization": TenancyJSON.organization(organization), "admin": TenancyJSON.user(user)], status: .created)
            response.addHeader("Location", "/api/organizations/\(organization.id.lowercasedString)")
            return response
        }

        /// What `POST /api/organizations` points its `Location` at: platform administrators read
        /// any organization, members their own; any other is a 404, like one that does not exist.
        router.get("/api/organizations/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            guard let id = UUID(canonical: request.parameters["id"] ?? ""), principal.isPlatformAdmin || principal.organizationId == id,
                let organization = try MariaDBOrganizationRepository(connection: connection).find(id)
            else { throw DomainError.notFound("Organization") }
            return .json(TenancyJSON.organization(organization))
        }

        router.get("/api/users") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "list users")
            let users = try MariaDBUserRepository(connection: connection).list(organizationId: try principal.requireOrganization())
            return .json(["users": .array(users.map(TenancyJSON.user))])
        }

        router.post("/api/users") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "add users")
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["email", "password", "role"])
            let email = TenancyValidator.email(fields.string("email"), field: "email", errors: &fields.errors)
            let password = TenancyValidator.password(fields.string("password"), field: "password", errors: &fields.errors)
            let role: Role? = TenancyValidator.choice(fields.string("role"), field: "role", errors: &fields.errors)
            try fields.check()
            guard let email, let password, let role else { throw DomainError.invalid(fields.errors) }
            let user = try MariaDBUserRepository(connection: connection).create(
                NewUser(organizationId: try principal.requireOrganization(), email: email, passwordHash: try PasswordHash.hash(password),
                        role: role, isPlatformAdmin: false),
                createdBy: principal.userId)
            return .json(TenancyJSON.user(user), status: .created)
        }

        router.get("/api/connections") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let list = try MariaDBConnectionRepository(connection: connection).list(organizationId: try principal.requireOrganization())
            return .json(["connections": .array(list.map(TenancyJSON.connection))])
        }

        router.post("/api/connections") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "add connections")
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["name", "provider", "currency"])
            let name = TenancyValidator.name(fields.string("name"), field: "name", maximum: 100, errors: &fields.errors)
            let provider: Provider? = TenancyValidator.choice(fields.string("provider"), field: "provider", errors: &fields.errors)
            let currency = TenancyValidator.currency(fields.string("currency"), field: "currency", errors: &fields.errors)
            try fields.check()
            guard let name, let provider, let currency else { throw DomainError.invalid(fields.errors) }
            let created = try MariaDBConnectionRepository(connection: connection).create(
                organizationId: try principal.requireOrganization(), name: name, provider: provider, currency: currency, createdBy: principal.userId)
            var response = Response.json(TenancyJSON.connection(created), status: .created)
            response.addHeader("Location", "/api/connections/\(created.id.lowercasedString)")
            return response
        }

        router.get("/api/connections/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            return .json(TenancyJSON.connection(try ownConnection(request, principal, connection)))
        }

        router.get("/api/connections/:id/services") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let csp = try ownConnection(request, principal, connection)
            let list = try MariaDBConnectionRepository(connection: connection).services(connectionId: csp.id)
            return .json(["services": .array(list.map(TenancyJSON.service))])
        }

        router.post("/api/connections/:id/services") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "add services")
            let csp = try ownConnection(request, principal, connection)
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["serviceName", "serviceCategory"])
            let name = TenancyValidator.name(fields.string("serviceName"), field: "serviceName", maximum: 255, errors: &fields.errors)
            var category = fields.string("serviceCategory")
            if let given = category, !given.trimmingWhitespaceAndNewlines().isEmpty {
                category = TenancyValidator.name(given, field: "serviceCategory", maximum: 100, errors: &fields.errors)
            } else {
                category = nil
            }
            try fields.check()
            guard let name else { throw DomainError.invalid(fields.errors) }
            let service = try MariaDBConnectionRepository(connection: connection).createService(connectionId: csp.id, name: name, category: category)
            return .json(TenancyJSON.service(service), status: .created)
        }
    }

    /// The connection named in the path, if it is the caller's organization's; 404 otherwise.
    static func ownConnection(_ request: Request, _ principal: Principal, _ connection: Connection) throws -> CSPConnection {
        let organizationId = try principal.requireOrganization()
        guard let id = UUID(canonical: request.parameters["id"] ?? ""),
            let csp = try MariaDBConnectionRepository(connection: connection).find(id, organizationId: organizationId)
        else { throw DomainError.notFound("Connection") }
        return csp
    }
}
