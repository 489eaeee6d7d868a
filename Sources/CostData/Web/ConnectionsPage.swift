import Foundation
import HTTPKit
import Kernel
import MariaDB
import Templating
import Tenancy
import Web

/// `/connections` as the template draws it: each connection with its recent imports.
struct ConnectionsIndex: Page {
    static let template = "cost-data/connections.index"
    let title = "Connections"
    var connections: [Item]

    struct Item: TemplateRenderable {
        let connection: CSPConnection
        let serviceCount: Int
        let imports: [ImportRecord]
        /// Why an upload into this connection was just refused, if it was.
        let errors: [String]

        var templateValue: TemplateValue {
            [
                "id": .string(connection.id.lowercasedString),
                "name": .string(connection.name),
                "provider": .string(connection.provider.label),
                "currency": .string(connection.currency),
                "services": .string(String(serviceCount)),
                "imports": .list(imports.map { record in
                    [
                        "when": .string(DateFormat.timestamp(record.startedAt)),
                        "who": .string(record.createdByEmail ?? record.channel.rawValue),
                        "file": .string(record.fileName),
                        "rows": .string(record.rows.map { MoneyFormat.grouped(Decimal($0), fractionDigits: 0) } ?? "—"),
                        "periods": .string(record.billingPeriods.map { String($0.prefix(7)) }.joined(separator: ", ")),
                        "total": .string(record.billedTotal.map { MoneyFormat.amount($0, currency: connection.currency) } ?? "—"),
                        "failed": .bool(record.status == .failed),
                        "problems": .list(record.problems.prefix(3).map(TemplateValue.string)),
                    ]
                }),
                "errors": .list(errors.map(TemplateValue.string)),
            ]
        }
    }

    var templateValue: TemplateValue { ["connections": .rows(connections)] }
}

/// `/connections`: the organization's connections with their recent cost imports, and for admins
/// a form to upload a FOCUS file (CSV or gzip), streamed into the same importer as the API.
struct ConnectionsPage {
    let module: CostDataModule

    func add(to routes: Routes) {
        routes.pages.get("/connections") { request, page in
            try self.page(request, routes: routes, context: page)
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
                return try self.page(request, routes: routes, context: page, failure: (csp.id, ["Choose a FOCUS file (.csv or .csv.gz) to upload."]),
                                     status: .badRequest)
            }
            let importRequest = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id, fileName: fileName,
                                              actor: page.principal, channel: .upload)
            do {
                _ = try ImportService(db: page.db, now: routes.clock, observers: module.observers, logger: page.logger)
                    .importFile(importRequest, read: { try form.read(into: $0) })
                return PageRenderer.redirect("/connections#connection-\(csp.id.lowercasedString)", notice: .importDone, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                return try self.page(request, routes: routes, context: page,
                                     failure: (csp.id, [error.message] + error.fieldErrors.map { "\($0.field): \($0.message)" }), status: .badRequest)
            }
        }
    }

    func page(_ request: Request, routes: Routes, context: PageContext, failure: (UUID, [String])? = nil,
              status: HTTPStatus = .ok) throws -> Response {
        let connections = try ConnectionDirectory.connections(organizationId: try context.principal.requireOrganization(), in: context.db)
        let catalogues = try ConnectionDirectory.services(connectionIds: connections.map(\.id), in: context.db)
        let items = try connections.map { csp in
            ConnectionsIndex.Item(connection: csp, serviceCount: catalogues[csp.id]?.count ?? 0,
                                  imports: try ImportLog.recent(connectionId: csp.id, limit: 5, in: context.db),
                                  errors: failure?.0 == csp.id ? failure!.1 : [])
        }
        return try routes.renderer.render(ConnectionsIndex(connections: items), request: request, session: context.session, status: status)
    }
}
