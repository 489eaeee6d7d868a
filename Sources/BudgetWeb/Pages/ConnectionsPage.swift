import BudgetCore
import BudgetStorage
import CostImport
import Foundation
import MariaDB
import Templating

/// `/connections`: the organization's connections with their recent cost imports, and for admins
/// a form to upload a FOCUS file (CSV or gzip), streamed into the same importer as the API.
enum ConnectionsPage {
    static func add(to router: inout Router, _ services: Services) {
        router.get("/connections") { request, context in
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            return try page(request: request, session: session, connection: connection, services: services)
        }

        router.post("/connections/:id/costs", body: .streamed(limit: services.configuration.importBodyLimit)) { request, context in
            let body = request.bodyStream
            defer { body?.drain() }
            let connection = try context.connection()
            let session = try services.pages.requireSession(request, connection: connection, now: services.now)
            try session.principal.require(.admin, to: "import cost files")
            let csp = try TenancyRoutes.ownConnection(request, session.principal, connection)
            guard let body else { throw HTTPError.badRequest("The upload is empty.") }
            let form = try MultipartReader(contentType: request.headers["content-type"] ?? "", source: body)
            // The token comes first in the form, so a forged post is refused before any file byte is read.
            guard let first = try form.nextPart(), first.name == "csrf",
                Sessions.tokensMatch(try form.readText(), session.csrfToken)
            else {
                throw DomainError.forbidden("The form has expired or did not come from this site. Reload the page and try again.")
            }
            guard let file = try form.nextPart(), file.name == "file", let fileName = file.fileName, !fileName.isEmpty else {
                return try page(request: request, session: session, connection: connection, services: services,
                                failure: (csp.id, ["Choose a FOCUS file (.csv or .csv.gz) to upload."]), status: .badRequest)
            }
            let importRequest = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id, fileName: fileName,
                                              actor: session.principal, channel: .upload)
            do {
                _ = try CostRoutes.run(importRequest, body: PartSource(reader: form), connection: connection, services: services, logger: context.logger)
                return PageRenderer.redirect("/connections#connection-\(csp.id.lowercasedString)", notice: .importDone, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                return try page(request: request, session: session, connection: connection, services: services,
                                failure: (csp.id, [error.message] + error.fieldErrors.map { "\($0.field): \($0.message)" }), status: .badRequest)
            }
        }
    }

    static func page(request: Request, session: Sessions.Current, connection: Connection, services: Services,
                     failure: (UUID, [String])? = nil, status: HTTPStatus = .ok) throws -> Response {
        let organizationId = try session.principal.requireOrganization()
        let repository = MariaDBConnectionRepository(connection: connection)
        let log = MariaDBImportLog(connection: connection)
        let connections = try repository.list(organizationId: organizationId).map { csp -> TemplateValue in
            let imports = try log.recent(connectionId: csp.id, limit: 5)
            return [
                "id": .string(csp.id.lowercasedString),
                "name": .string(csp.name),
                "provider": .string(csp.provider.label),
                "currency": .string(csp.currency),
                "services": .string(String(try repository.services(connectionId: csp.id).count)),
                "imports": .list(imports.map { record in
                    [
                        "when": .string(DateFormat.timestamp(record.startedAt)),
                        "who": .string(record.createdByEmail ?? record.channel),
                        "file": .string(record.fileName),
                        "rows": .string(record.rows.map { MoneyFormat.grouped(Decimal($0), fractionDigits: 0) } ?? "—"),
                        "periods": .string(record.billingPeriods.map { String($0.prefix(7)) }.joined(separator: ", ")),
                        "total": .string(record.billedTotal.map { MoneyFormat.amount($0, currency: csp.currency) } ?? "—"),
                        "failed": .bool(record.status == "failed"),
                        "problems": .list(record.problems.prefix(3).map(TemplateValue.string)),
                    ]
                }),
                "errors": failure?.0 == csp.id ? .list(failure!.1.map(TemplateValue.string)) : .list([]),
            ]
        }
        return try services.pages.render("connections.index", ["title": "Connections", "connections": .list(connections)],
                                         request: request, session: session, status: status)
    }
}

/// The uploaded file part as a body source for the importer.
final class PartSource: BodySource {
    let reader: MultipartReader
    init(reader: MultipartReader) { self.reader = reader }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try reader.read(into: buffer) }
}
