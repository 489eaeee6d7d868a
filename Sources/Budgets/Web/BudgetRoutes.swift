import Foundation
import HTTPKit
import JSON
import Kernel
import Tenancy
import Web

/// `/api/budgets…`: the module spec's endpoints.
struct BudgetRoutes {
    let module: BudgetsModule

    func add(to routes: Routes) {
        let api = routes.api

        api.get("/api/budgets") { request, api in
            let organizationId = try api.principal.requireOrganization()
            var connectionId: UUID?
            if let text = request.query["cspConnectionId"] {
                guard let id = UUID(canonical: text) else { throw HTTPError.badRequest("cspConnectionId must be a UUID.", field: "cspConnectionId") }
                connectionId = id
            }
            return try BudgetRoutes.list(try service(api).list(for: api.principal, connectionId: connectionId), request, organizationId)
        }

        api.post("/api/budgets") { request, api in
            let (input, typeErrors) = BudgetInput.fromJSON(try request.jsonObject())
            let view = try service(api).create(input, typeErrors: typeErrors, by: api.principal)
            var response = Response.created(BudgetJSON.full(view), location: "/api/budgets/\(view.budget.id.lowercasedString)")
            response.addHeader("ETag", BudgetRoutes.etag(view.budget.version))
            return response
        }

        api.get("/api/budgets/:id") { request, api in
            let view = try service(api).get(try request.budgetId(), for: api.principal)
            var response = Response.json(BudgetJSON.full(view))
            response.addHeader("ETag", BudgetRoutes.etag(view.budget.version))
            return response
        }

        api.put("/api/budgets/:id") { request, api in
            let id = try request.budgetId()
            let expected = try VersionPrecondition.ifMatch(request.headers["if-match"])
            let (changes, typeErrors) = BudgetInput.fromJSON(try request.jsonObject())
            let view = try service(api).update(id, changes: changes, typeErrors: typeErrors, expected: expected, by: api.principal)
            var response = Response.json(BudgetJSON.full(view))
            response.addHeader("ETag", BudgetRoutes.etag(view.budget.version))
            return response
        }

        api.delete("/api/budgets/:id") { request, api in
            let expected = try VersionPrecondition.ifMatch(request.headers["if-match"])
            try service(api).delete(try request.budgetId(), expected: expected, by: api.principal)
            return .noContent
        }

        api.post("/api/budgets/:id/restore") { request, api in
            let view = try service(api).restore(try request.budgetId(), by: api.principal)
            var response = Response.json(BudgetJSON.full(view))
            response.addHeader("ETag", BudgetRoutes.etag(view.budget.version))
            return response
        }

        api.get("/api/budgets/:id/history") { request, api in
            let id = try request.budgetId()
            let budgets = service(api)
            _ = try budgets.get(id, for: api.principal)
            return .json(["history": .array(try budgets.history(id, for: api.principal).map(BudgetRoutes.auditJSON))])
        }

        api.get("/api/budgets/:id/spend") { request, api in
            let text = request.query["granularity"] ?? "day"
            guard let granularity = SpendSeries.Granularity(rawValue: text) else {
                throw HTTPError.badRequest("granularity must be day or month.", field: "granularity")
            }
            let (view, series) = try service(api).spendSeries(try request.budgetId(), granularity: granularity, for: api.principal)
            return .json(BudgetJSON.series(series, view: view))
        }

        api.get("/api/budgets/:id/periods") { request, api in
            let (view, history) = try service(api).periods(try request.budgetId(), for: api.principal)
            return .json(BudgetJSON.periods(history, view: view))
        }

        api.get("/api/budgets/organization/:organizationId") { request, api in
            let organizationId = try BudgetRoutes.ownOrganization(request, api.principal)
            return try BudgetRoutes.list(try service(api).list(for: api.principal), request, organizationId)
        }

        api.get("/api/budgets/organization/:organizationId/connection/:cspConnectionId") { request, api in
            let organizationId = try BudgetRoutes.ownOrganization(request, api.principal)
            let connectionId = try request.connectionId("cspConnectionId")
            guard try ConnectionDirectory.connection(connectionId, organizationId: organizationId, in: api.db) != nil else {
                throw DomainError.notFound("Connection")
            }
            return try BudgetRoutes.list(try service(api).list(for: api.principal, connectionId: connectionId), request, organizationId)
        }
    }

    func service(_ api: APIContext) -> BudgetService { module.service(api.db, now: api.now, logger: api.logger) }

    /// A version is what an entity tag says here: `"3"`.
    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// A list answer: the budgets that match the request's `q`, `status`, `sort`, `limit` and
    /// `offset`, the asked page of them listed, their totals over all that match.
    static func list(_ views: [BudgetView], _ request: Request, _ organizationId: UUID) throws -> Response {
        let query = try BudgetListQuery(parameters: { request.query[$0] })
        let matching = query.matching(views)
        return .json(BudgetJSON.list(matching, page: query.page(of: matching), query: query, organizationId: organizationId))
    }

    /// The path's organization, which must be the caller's own (403 otherwise, as the spec's
    /// access-control step says).
    static func ownOrganization(_ request: Request, _ principal: Principal) throws -> UUID {
        let own = try principal.requireOrganization()
        guard let id = UUID(canonical: request.parameters["organizationId"] ?? ""), id == own else {
            throw DomainError.forbidden("You may only read your own organization's budgets.")
        }
        return own
    }

    static func auditJSON(_ entry: AuditEntry) -> JSONValue {
        .object([
            "action": .string(entry.action.rawValue),
            "actorId": entry.actorId.map { .string($0.lowercasedString) } ?? .null,
            "actorEmail": entry.actorEmail.map(JSONValue.string) ?? .null,
            "occurredAt": .string(UTCTimestamp.iso8601(entry.occurredAt)),
            "before": entry.before ?? .null,
            "after": entry.after ?? .null,
        ])
    }
}

extension Request {
    /// The `:id` of a budget route; an id that cannot exist reads like an unknown one (404).
    func budgetId() throws -> UUID { try parameter("id", as: UUID.self, invalid: DomainError.notFound("Budget")) }
}
