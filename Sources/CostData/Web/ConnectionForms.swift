import Foundation
import HTTPKit
import Kernel
import Tenancy
import Web

/// The connections page's forms (admins): add a connection, rename one, add a service to its
/// catalogue, upload a FOCUS file. Each succeeds with a redirect, or shows the page again with what
/// was typed and why it was refused (400), changing nothing.
struct ConnectionForms {
    let module: CostDataModule

    func add(to routes: Routes) {
        let forms = routes.forms.requiring(.admin, to: "manage connections")

        forms.post("/connections") { request, form in
            let (name, provider, currency) = (form.form["name"] ?? "", form.form["provider"] ?? "", form.form["currency"] ?? "")
            do {
                let csp = try TenancyService(db: form.db).createConnection(name: name, provider: provider, currency: currency, by: form.principal)
                return PageRenderer.redirect("/connections#connection-\(csp.id.lowercasedString)", notice: .connectionAdded,
                                             secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try ConnectionsPage.render(request, routes: routes, context: form.page,
                                                  failure: .create(name: name, provider: provider, currency: currency, errors: error.fieldErrors),
                                                  status: .badRequest)
            }
        }

        forms.post("/connections/:id") { request, form in
            let id = try request.connectionId()
            let name = form.form["name"] ?? ""
            do {
                _ = try TenancyService(db: form.db).renameConnection(id, to: name, by: form.principal)
                return PageRenderer.redirect("/connections#connection-\(id.lowercasedString)", notice: .connectionRenamed,
                                             secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                return try ConnectionsPage.render(request, routes: routes, context: form.page,
                                                  failure: .rename(id, name: name, errors: error.fieldErrors), status: .badRequest)
            }
        }

        forms.post("/connections/:id/services") { request, form in
            let id = try request.connectionId()
            let (name, category) = (form.form["serviceName"] ?? "", form.form["serviceCategory"] ?? "")
            do {
                _ = try TenancyService(db: form.db).addService(toConnection: id, name: name, category: category, by: form.principal)
                return PageRenderer.redirect("/connections#connection-\(id.lowercasedString)", notice: .serviceAdded, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid || error.code == .conflict {
                let errors = error.fieldErrors.isEmpty ? [FieldError("serviceName", error.message)] : error.fieldErrors
                return try ConnectionsPage.render(request, routes: routes, context: form.page,
                                                  failure: .service(id, name: name, category: category, errors: errors), status: .badRequest)
            }
        }

        // Multipart: the CSRF token is the form's first part, checked before any byte of the file is read.
        routes.pages.requiring(.admin, to: "import cost files").post("/connections/:id/costs",
                                                                       body: .streamed(limit: module.importBodyLimit)) { request, page in
            let body = request.bodyStream
            defer { body?.drain() }
            let csp = try TenancyService(db: page.db).connection(try request.connectionId(), for: page.principal)
            guard let body else { throw HTTPError.badRequest("The upload is empty.") }
            let form = try MultipartReader(contentType: request.headers["content-type"] ?? "", source: body)
            guard let first = try form.nextPart(), first.name == "csrf" else {
                throw DomainError.forbidden("The form has expired or did not come from this site. Reload the page and try again.")
            }
            try Routes.requireCSRF(try form.readText(), session: page.session)
            guard let file = try form.nextPart(), file.name == "file", let fileName = file.fileName, !fileName.isEmpty else {
                return try ConnectionsPage.render(request, routes: routes, context: page,
                                                  failure: .upload(csp.id, problems: ["Choose a FOCUS file (.csv or .csv.gz) to upload."]),
                                                  status: .badRequest)
            }
            let importRequest = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id, fileName: fileName,
                                              actor: page.principal, channel: .upload)
            do {
                let outcome = try ImportService(db: page.db, now: routes.clock, observers: module.observers, logger: page.logger)
                    .importFile(importRequest, read: { try form.read(into: $0) })
                return PageRenderer.redirect("/connections/\(csp.id.lowercasedString)/imports/\(outcome.summary.id)", notice: .importDone,
                                             secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                // The refusal is in the history too; the page says why once, above the form.
                return try ConnectionsPage.render(request, routes: routes, context: page,
                                                  failure: .upload(csp.id, problems: error.fieldErrors.map { "\($0.field): \($0.message)" }),
                                                  status: .badRequest)
            }
        }
    }
}
