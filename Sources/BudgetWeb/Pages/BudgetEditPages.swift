import BudgetCore
import BudgetStorage
import Foundation
import MariaDB
import Templating

/// `/budgets/new` and `/budgets/{id}/edit`, and the posts that save them.
///
/// A form with errors comes back with every typed value and each message beside its field (400).
/// Saving answers with a 303 and a one-time notice, so reloading never submits twice. Editing a
/// budget someone else changed meanwhile overwrites nothing: the form comes back with the current
/// values, and what was typed is listed beside it (409).
enum BudgetEditPages {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/budgets/new") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            try session.principal.require(.editor, to: "create budgets")
            return try page(.new, values: .new(today: LocalDate(services.now)), errors: [], ruleRows: [],
                            request: request, session: session, connection: connection, services: services)
        }

        router.post("/budgets") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            let form = try request.form()
            try services.pages.requireCSRF(form, session: session)
            try session.principal.require(.editor, to: "create budgets")
            let values = BudgetFormValues(form: form)
            let organizationId = try session.principal.requireOrganization()
            let (input, ruleRows) = values.input(organizationId: organizationId,
                                                 servicesOfConnection: try serviceIds(of: values.connectionId, organizationId: organizationId, connection))
            do {
                let view = try services.budgets(connection, logger: context.logger)
                    .create(input, by: session.principal)
                return PageRenderer.redirect("/budgets/\(view.budget.id.lowercasedString)", notice: .budgetCreated, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try page(.new, values: values, errors: fieldErrors(error), ruleRows: ruleRows, request: request, session: session,
                                connection: connection, services: services, status: error.code == .conflict ? .conflict : .badRequest)
            }
        }

        router.get("/budgets/:id/edit") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            try session.principal.require(.editor, to: "change budgets")
            let view = try services.budgets(connection, logger: context.logger)
                .get(try BudgetRoutes.budgetId(request), for: session.principal)
            return try page(.edit(view.budget), values: BudgetFormValues(budget: view.budget), errors: [], ruleRows: [],
                            request: request, session: session, connection: connection, services: services)
        }

        router.post("/budgets/:id") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            let form = try request.form()
            try services.pages.requireCSRF(form, session: session)
            try session.principal.require(.editor, to: "change budgets")
            let service = services.budgets(connection, logger: context.logger)
            let id = try BudgetRoutes.budgetId(request)
            let current = try service.get(id, for: session.principal).budget
            let values = BudgetFormValues(form: form)
            let organizationId = try session.principal.requireOrganization()
            let (input, ruleRows) = values.input(organizationId: organizationId,
                                                 servicesOfConnection: try serviceIds(of: values.connectionId, organizationId: organizationId, connection))
            do {
                _ = try service.update(id, changes: input, expected: .exactly(Int(values.version) ?? -1), by: session.principal)
                return PageRenderer.redirect("/budgets/\(id.lowercasedString)", notice: .budgetUpdated, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try page(.edit(current), values: values, errors: fieldErrors(error), ruleRows: ruleRows, request: request,
                                session: session, connection: connection, services: services, status: error.code == .conflict ? .conflict : .badRequest)
            } catch let error as HTTPError where error.status == .preconditionFailed {
                let latest = try service.get(id, for: session.principal).budget
                return try page(.edit(latest), values: BudgetFormValues(budget: latest), errors: [], ruleRows: [], request: request,
                                session: session, connection: connection, services: services, status: .conflict, attempted: values)
            }
        }
    }

    enum Mode {
        case new
        case edit(Budget)
    }

    /// The form page, new or edit.
    static func page(_ mode: Mode, values: BudgetFormValues, errors: [FieldError], ruleRows: [Int], request: Request,
                     session: Sessions.Current, connection: Connection, services: Services, status: HTTPStatus = .ok,
                     attempted: BudgetFormValues? = nil) throws -> Response {
        let organizationId = try session.principal.requireOrganization()
        let repository = MariaDBConnectionRepository(connection: connection)
        let connections = try repository.list(organizationId: organizationId)
        var catalogue: [UUID: [CSPService]] = [:]
        for c in connections { catalogue[c.id] = try repository.services(connectionId: c.id) }
        var context: [String: TemplateValue] = [
            "form": BudgetFormView(values: values, errors: errors, ruleRows: ruleRows, connections: connections, services: catalogue,
                                   triggerTypes: services.validator.triggerTypes).context,
            "noConnections": .bool(connections.isEmpty),
        ]
        switch mode {
        case .new:
            context["title"] = "Create budget"
            context["heading"] = "Create a budget"
            context["action"] = "/budgets"
            context["submit"] = "Create budget"
            context["cancel"] = "/budgets"
        case .edit(let budget):
            context["title"] = .string("Edit \(budget.name)")
            context["heading"] = .string("Edit \(budget.name)")
            context["action"] = .string("/budgets/\(budget.id.lowercasedString)")
            context["submit"] = "Save changes"
            context["cancel"] = .string("/budgets/\(budget.id.lowercasedString)")
        }
        if let attempted {
            context["conflict"] = [
                "name": .string(attempted.name),
                "amount": .string(attempted.amount),
                "timeRange": .string(attempted.timeRange),
                "startMonth": .string(attempted.startMonth),
                "rules": .list(attempted.rules.filter { !$0.isBlank }.map {
                    .string([$0.percentage.isEmpty ? nil : "\($0.percentage) %", $0.amount.isEmpty ? nil : $0.amount]
                        .compactMap { $0 }.joined(separator: " / ") + " (\($0.trigger))")
                }),
                "recipients": .string(attempted.recipients),
            ]
        }
        return try services.pages.render("budgets.form", context, request: request, session: session, status: status)
    }

    /// Ids of the services of the connection the form names: empty when it names none of the
    /// organization's, so another tenant's connection reads exactly like one that does not exist.
    static func serviceIds(of connectionId: String, organizationId: UUID, _ connection: Connection) throws -> [String] {
        let repository = MariaDBConnectionRepository(connection: connection)
        guard let id = UUID(canonical: connectionId), try repository.find(id, organizationId: organizationId) != nil else { return [] }
        return try repository.services(connectionId: id).map(\.id.lowercasedString)
    }

    static func fieldErrors(_ error: DomainError) -> [FieldError] {
        error.fieldErrors.isEmpty ? [FieldError("general", error.message)] : error.fieldErrors
    }
}
