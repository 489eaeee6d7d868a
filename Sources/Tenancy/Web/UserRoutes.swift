import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// An organization's people over the API (admins): list, add or invite, read, change role,
/// deactivate and reactivate, invite again.
struct UserRoutes {
    let module: TenancyModule

    func add(to routes: Routes) {
        let api = routes.api

        api.get("/api/users") { _, api in
            .json(["users": .array(try module.users(api.db, now: api.now).users(for: api.principal).map(TenancyJSON.user))])
        }

        api.post("/api/users") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["email", "password", "role"])
            let user = try module.users(api.db, now: api.now).addUser(
                email: fields.string("email"), password: fields.string("password"), role: fields.string("role"),
                typeErrors: fields.errors.list, by: api.principal)
            return .created(TenancyJSON.user(user), location: "/api/users/\(user.id.lowercasedString)")
        }

        api.get("/api/users/:id") { request, api in
            .json(TenancyJSON.user(try module.users(api.db, now: api.now).user(try request.userId(), for: api.principal)))
        }

        api.patch("/api/users/:id") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["role", "active"])
            let user = try module.users(api.db, now: api.now).update(
                try request.userId(), role: fields.string("role"), active: fields.bool("active"), typeErrors: fields.errors.list,
                by: api.principal)
            return .json(TenancyJSON.user(user))
        }

        api.post("/api/users/:id/invitation") { request, api in
            .json(TenancyJSON.user(try module.users(api.db, now: api.now).reinvite(try request.userId(), by: api.principal)),
                  status: .accepted)
        }
    }
}

extension Request {
    /// The `:id` of a user route; an id that cannot exist reads like an unknown one (404).
    func userId() throws -> UUID {
        try parameter("id", as: UUID.self, invalid: DomainError.notFound("User"))
    }
}
