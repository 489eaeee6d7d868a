import Foundation
import HTTPKit
import Kernel
import MariaDB
import Templating
import Tenancy
import Web

/// `/budgets/new` and `/budgets/{id}/edit`, and the posts that save them.
///
/// A form with errors comes back with every typed value and each message beside its field (400).
/// Saving answers with a 303 and a one-time notice, so reloading never submits twice. Editing a
/// budget someone else changed meanwhile overwrites nothing: the form comes back with the current
/// values, and what was typed is listed beside it (409).
struct BudgetEditPages {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.pages.requiring(.editor, to: "create budgets").get("/budgets/new") { request, page in
            try self.page(.new, values: .new(today: LocalDate(page.now)), errors: [], ruleRows: [], request: request, routes: routes, context: page)
        }

        routes.forms.requiring(.editor, to: "create budgets").post("/budgets") { request, form in
            let values = BudgetFormValues(form: form.form)
            let organizationId = try form.principal.requireOrganization()
            let (input, ruleRows, typeErrors) = values.input(organizationId: organizationId,
                                                 servicesOfConnection: try serviceIds(of: values.connectionId,
                                                                                      organizationId: organizationId, form.db))
            if try needsThresholdConfirmation(input, typeErrors: typeErrors, organizationId: organizationId, form: form) {
                return try page(.new, values: values, errors: [], ruleRows: ruleRows, request: request, routes: routes, context: form.page,
                                confirmWithoutThresholds: true)
            }
            do {
                let view = try module.service(form.db, now: form.now, logger: form.logger).create(input, typeErrors: typeErrors, by: form.principal)
                return PageRenderer.redirect("/budgets/\(view.budget.id.lowercasedString)", notice: .budgetCreated, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try page(.new, values: values, errors: fieldErrors(error), ruleRows: ruleRows, request: request, routes: routes,
                                context: form.page, status: error.code == .conflict ? .conflict : .badRequest)
            }
        }

        routes.pages.requiring(.editor, to: "change budgets").get("/budgets/:id/edit") { request, page in
            let view = try module.service(page.db, now: page.now, logger: page.logger).get(try request.budgetId(), for: page.principal)
            return try self.page(.edit(view.budget), values: BudgetFormValues(budget: view.budget), errors: [], ruleRows: [], request: request,
                                 routes: routes, context: page)
        }

        routes.forms.requiring(.editor, to: "change budgets").post("/budgets/:id") { request, form in
            let service = module.service(form.db, now: form.now, logger: form.logger)
            let id = try request.budgetId()
            let current = try service.get(id, for: form.principal).budget
            let values = BudgetFormValues(form: form.form)
            let organizationId = try form.principal.requireOrganization()
            let (input, ruleRows, typeErrors) = values.input(organizationId: organizationId,
                                                 servicesOfConnection: try serviceIds(of: values.connectionId,
                                                                                      organizationId: organizationId, form.db))
            do {
                _ = try service.update(id, changes: input, typeErrors: typeErrors, expected: .exactly(Int(values.version) ?? -1), by: form.principal)
                return PageRenderer.redirect("/budgets/\(id.lowercasedString)", notice: .budgetUpdated, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try page(.edit(current), values: values, errors: fieldErrors(error), ruleRows: ruleRows, request: request, routes: routes,
                                context: form.page, status: error.code == .conflict ? .conflict : .badRequest)
            } catch let error as DomainError where error.code == .preconditionFailed {
                let latest = try service.get(id, for: form.principal).budget
                return try page(.edit(latest), values: BudgetFormValues(budget: latest), errors: [], ruleRows: [], request: request,
                                routes: routes, context: form.page, status: .conflict, attempted: values)
            }
        }
    }

    /// A new budget without any threshold would never alert anyone: before it is saved, the form
    /// asks once (`withoutThresholds=yes`). Only a budget that would otherwise be saved is asked
    /// about; one with mistakes comes back with them as usual.
    func needsThresholdConfirmation(_ input: BudgetInput, typeErrors: [FieldError], organizationId: UUID, form: FormContext) throws -> Bool {
        guard (input.thresholdRules ?? []).isEmpty, form.form["withoutThresholds"] != "yes", typeErrors.isEmpty,
              (try? module.validator.validate(input)) != nil,
              let connectionId = input.cspConnectionId.flatMap(UUID.init(canonical:)),
              try ConnectionDirectory.connection(connectionId, organizationId: organizationId, in: form.db) != nil
        else { return false }
        return true
    }

    /// The form page, new or edit.
    func page(_ mode: BudgetForm.Mode, values: BudgetFormValues, errors: [FieldError], ruleRows: [Int], request: Request, routes: Routes,
              context: PageContext, status: HTTPStatus = .ok, attempted: BudgetFormValues? = nil,
              confirmWithoutThresholds: Bool = false) throws -> Response {
        let connections = try ConnectionDirectory.connections(organizationId: try context.principal.requireOrganization(), in: context.db)
        let catalogue = try ConnectionDirectory.services(connectionIds: connections.map(\.id), in: context.db)
        let form = BudgetFormView(values: values, errors: errors, ruleRows: ruleRows, connections: connections, services: catalogue,
                                  triggerTypes: module.validator.triggerTypes)
        let page = BudgetForm(mode: mode, form: form, attempted: attempted, confirmWithoutThresholds: confirmWithoutThresholds)
        return try routes.renderer.render(page, request: request, session: context.session, status: status)
    }

    /// Ids of the services of the connection the form names: empty when it names none of the
    /// organization's, so another tenant's connection reads exactly like one that does not exist.
    func serviceIds(of connectionId: String, organizationId: UUID, _ db: Connection) throws -> [String] {
        guard let id = UUID(canonical: connectionId), try ConnectionDirectory.connection(id, organizationId: organizationId, in: db) != nil else {
            return []
        }
        return try ConnectionDirectory.services(connectionId: id, in: db).map(\.id.lowercasedString)
    }

    func fieldErrors(_ error: DomainError) -> [FieldError] {
        error.fieldErrors.isEmpty ? [FieldError("general", error.message)] : error.fieldErrors
    }
}

/// The budget form page as the template draws it.
struct BudgetForm: Page {
    static let template = "budgets/budgets.form"

    enum Mode {
        case new
        case edit(Budget)
    }

    var mode: Mode
    var form: BudgetFormView
    /// What was typed, when someone else changed the budget meanwhile.
    var attempted: BudgetFormValues?
    /// The budget has no threshold: the form asks whether to save it so.
    var confirmWithoutThresholds = false

    var title: String {
        switch mode {
        case .new: "Create budget"
        case .edit(let budget): "Edit \(budget.name)"
        }
    }

    var address: String? {
        switch mode {
        case .new: "/budgets/new"
        case .edit(let budget): "/budgets/\(budget.id.lowercasedString)/edit"
        }
    }

    var templateValue: TemplateValue {
        var context: [String: TemplateValue] = ["form": form.context, "noConnections": .bool(form.connections.isEmpty),
                                                "confirmWithoutThresholds": .bool(confirmWithoutThresholds)]
        switch mode {
        case .new:
            context["heading"] = "Create a budget"
            context["action"] = "/budgets"
            context["submit"] = "Create budget"
            context["cancel"] = "/budgets"
        case .edit(let budget):
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
                "tags": .list(attempted.tags.filter { !$0.isBlank }.map { .string("\($0.key): \($0.values)") }),
            ]
        }
        return .object(context)
    }
}
