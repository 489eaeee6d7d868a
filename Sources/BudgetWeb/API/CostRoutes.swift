import Alerting
import BudgetCore
import BudgetStorage
import CostImport
import Foundation
import JSON
import Logging
import MariaDB

/// `POST /api/connections/{id}/costs` (a FOCUS file, CSV or gzip, streamed) and the import history.
enum CostRoutes {
    static let mediaTypes: Set<String> = ["text/csv", "application/csv", "application/gzip", "application/x-gzip", "application/octet-stream"]

    static func add(to router: inout Router, _ services: Services) {
        router.post("/api/connections/:id/costs", body: .streamed(limit: services.configuration.importBodyLimit)) { request, context in
            let body = request.bodyStream
            defer { body?.drain() }
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            try principal.require(.admin, to: "import cost files")
            let csp = try TenancyRoutes.ownConnection(request, principal, connection)
            guard let type = request.mediaType, mediaTypes.contains(type) else {
                throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type",
                                "Send the FOCUS file as text/csv, or gzip-compressed as application/gzip (got \(request.mediaType ?? "no content type")).")
            }
            guard let body else { throw HTTPError.badRequest("The request has no body.") }
            let request = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id,
                                        fileName: fileName(request), actor: principal, channel: .api)
            let summary = try run(request, body: body, connection: connection, services: services, logger: context.logger)
            return .json(summary.json)
        }

        router.get("/api/connections/:id/imports") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let csp = try TenancyRoutes.ownConnection(request, principal, connection)
            let records = try MariaDBImportLog(connection: connection).recent(connectionId: csp.id)
            return .json(["imports": .array(records.map(json))])
        }
    }

    /// Runs the importer on a request body, then evaluates the connection's budgets against the
    /// new figures; shared with the upload page.
    static func run(_ request: ImportRequest, body: any BodySource, connection: Connection, services: Services, logger: Logger) throws -> ImportSummary {
        let summary: ImportSummary
        do {
            summary = try CostImporter(connection: connection, now: { services.now }).run(request, read: { try body.read(into: $0) })
        } catch let error as ImportError {
            throw error.domainError
        }
        services.alerts.evaluate(.connection(request.connectionId), connection: connection, now: services.now, logger: logger)
        return summary
    }

    /// `?fileName=` or the Content-Disposition filename; a name for the import record only.
    static func fileName(_ request: Request) -> String {
        if let name = request.query["fileName"], !name.isEmpty { return name.prefix(scalars: 255) }
        if let disposition = request.headers["content-disposition"], let range = disposition.range(of: "filename=") {
            return disposition[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\"; ")).prefix(scalars: 255)
        }
        return "upload.csv"
    }

    static func json(_ record: ImportRecord) -> JSONValue {
        [
            "importId": .number(JSONNumber(Int(record.id))),
            "channel": .string(record.channel),
            "by": record.createdByEmail.map(JSONValue.string) ?? .null,
            "startedAt": .string(UTCTimestamp.iso8601(record.startedAt)),
            "fileName": .string(record.fileName),
            "checksum": record.checksum.map(JSONValue.string) ?? .null,
            "bytes": record.bytes.map { .number(JSONNumber($0)) } ?? .null,
            "rows": record.rows.map { .number(JSONNumber($0)) } ?? .null,
            "billingPeriods": .array(record.billingPeriods.map(JSONValue.string)),
            "billedTotal": record.billedTotal.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "effectiveTotal": record.effectiveTotal.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "status": .string(record.status),
            "problems": .array(record.problems.map(JSONValue.string)),
        ]
    }
}
