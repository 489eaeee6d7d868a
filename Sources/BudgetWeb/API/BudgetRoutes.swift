import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB

/// `/api/budgets…`: the module spec's endpoints.
enum BudgetRoutes {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/api/budgets") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let organizationId = try principal.requireOrganization()
            var connectionId: UUID?
            if let text = request.query["cspConnectionId"] {
                guard let id = UUID(canonical: text) else { throw HTTPError.badRequest("cspConnectionId must be a UUID.", field: "cspConnectionId") }
                connectionId = id
            }
            let views = try services.budgets(connection, logger: context.logger).list(for: principal, connectionId: connectionId)
            return .json(BudgetJSON.list(views, organizationId: organizationId))
        }

        router.post("/api/budgets") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let (input, typeErrors) = BudgetInput.fromJSON(try request.jsonObject())
            let view = try services.budgets(connection, logger: context.logger).create(input, typeErrors: typeErrors, by: principal)
            var response = Response.json(BudgetJSON.full(view), status: .created)
            response.addHeader("Location", "/api/budgets/\(view.budget.id.lowercasedString)")
            response.addHeader("ETag", BudgetService.etag(view.budget.version))
            return response
        }

        router.get("/api/budgets/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let view = try services.budgets(connection, logger: context.logger).get(try budgetId(request), for: principal)
            var response = Response.json(BudgetJSON.full(view))
            response.addHeader("ETag", BudgetService.etag(view.budget.version))
            return response
        }

        router.put("/api/budgets/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let id = try budgetId(request)
            let expected = try VersionPrecondition.ifMatch(request.headers["if-match"])
            let (changes, typeErrors) = BudgetInput.fromJSON(try request.jsonObject())
            let view = try services.budgets(connection, logger: context.logger).update(id, changes: changes, typeErrors: typeErrors, expected: expected, by: principal)
            var response = Response.json(BudgetJSON.full(view))
            response.addHeader("ETag", BudgetService.etag(view.budget.version))
            return response
        }

        router.delete("/api/budgets/:id") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let expected = try VersionPrecondition.ifMatch(request.headers["if-match"])
            try services.budgets(connection, logger: context.logger).delete(try budgetId(request), expected: expected, by: principal)
            return .noContent
        }

        router.get("/api/budgets/:id/history") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let id = try budgetId(request)
            let budgets = services.budgets(connection, logger: context.logger)
            _ = try budgets.get(id, for: principal)
            let entries = try budgets.history(id, for: principal)
            return .json(["history": .array(entries.map(auditJSON))])
        }

        router.get("/api/budgets/:id/spend") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let text = request.query["granularity"] ?? "day"
            guard let granularity = SpendSeries.Granularity(rawValue: text) else {
                throw HTTPError.badRequest("granularity must be day or month.", field: "granularity")
            }
            let (view, series) = try services.budgets(connection, logger: context.logger).spendSeries(try budgetId(request), granularity: granularity, for: principal)
            return .json(BudgetJSON.series(series, view: view))
        }

        router.get("/api/budgets/organization/:organizationId") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let organizationId = try ownOrganization(request, principal)
            let views = try services.budgets(connection, logger: context.logger).list(for: principal)
            return .json(BudgetJSON.list(views, organizationId: organizationId))
        }

        router.get("/api/budgets/organization/:organizationId/connection/:cspConnectionId") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let organizationId = try ownOrganization(request, principal)
            guard let connectionId = UUID(canonical: request.parameters["cspConnectionId"] ?? ""),
                try MariaDBConnectionRepository(connection: connection).find(connectionId, organizationId: organizationId) != nil
            else { throw DomainError.notFound("Connection") }
            let views = try services.budgets(connection, logger: context.logger).list(for: principal, connectionId: connectionId)
            return .json(BudgetJSON.list(views, organizationId: organizationId))
        }
    }

    /// A malformed id cannot name an existing budget: 404, like an unknown one.
    static func budgetId(_ request: Request) throws -> UUID {
        guard let id = UUID(canonical: request.parameters["id"] ?? "") else { throw DomainError.notFound("Budget") }
        return id
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
