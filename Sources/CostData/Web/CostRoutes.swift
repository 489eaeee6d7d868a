import Foundation
import HTTPKit
import JSON
import Kernel
import Tenancy
import Web

/// `POST /api/connections/{id}/costs` (a FOCUS file, CSV or gzip, streamed) and the import history.
struct CostRoutes {
    static let mediaTypes: Set<String> = ["text/csv", "application/csv", "application/gzip", "application/x-gzip", "application/octet-stream"]
    let module: CostDataModule

    func add(to routes: Routes) {
        routes.api.requiring(.admin, to: "import cost files").post("/api/connections/:id/costs",
                                                                     body: .streamed(limit: module.importBodyLimit)) { request, api in
            let body = request.bodyStream
            defer { body?.drain() }
            let csp = try TenancyService(db: api.db).connection(try request.connectionId(), for: api.principal)
            guard let type = request.mediaType, CostRoutes.mediaTypes.contains(type) else {
                throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type",
                                "Send the FOCUS file as text/csv, or gzip-compressed as application/gzip "
                                + "(got \(request.mediaType ?? "no content type")).")
            }
            guard let body else { throw HTTPError.badRequest("The request has no body.") }
            let importRequest = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id,
                                              fileName: CostRoutes.fileName(request), actor: api.principal, channel: .api)
            let outcome = try ImportService(db: api.db, now: routes.clock, observers: module.observers, logger: api.logger)
                .importFile(importRequest, read: { try body.read(into: $0) })
            return .json(outcome.summary.json)
        }

        routes.api.get("/api/connections/:id/imports") { request, api in
            let records = try ImportService(db: api.db, now: routes.clock, observers: [], logger: api.logger)
                .history(connectionId: try request.connectionId(), for: api.principal)
            return .json(["imports": .array(records.map(CostRoutes.json))])
        }

        routes.api.get("/api/connections/:id/imports/:importId") { request, api in
            let (_, record) = try ImportService(db: api.db, now: routes.clock, observers: [], logger: api.logger)
                .record(try request.importNumber(), connectionId: try request.connectionId(), for: api.principal)
            return .json(CostRoutes.json(record))
        }
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
            "channel": .string(record.channel.rawValue),
            "by": record.createdByEmail.map(JSONValue.string) ?? .null,
            "startedAt": .string(UTCTimestamp.iso8601(record.startedAt)),
            "fileName": .string(record.fileName),
            "checksum": record.checksum.map(JSONValue.string) ?? .null,
            "bytes": record.bytes.map { .number(JSONNumber($0)) } ?? .null,
            "rows": record.rows.map { .number(JSONNumber($0)) } ?? .null,
            "billingPeriods": .array(record.billingPeriods.map(JSONValue.string)),
            "billedTotal": record.billedTotal.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "effectiveTotal": record.effectiveTotal.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "status": .string(record.status.rawValue),
            "problems": .array(record.problems.map(JSONValue.string)),
            "warnings": .array(record.warnings.map(JSONValue.string)),
            "servicesAdded": .array(record.servicesAdded.map(JSONValue.string)),
            "replacedRows": record.replacedRows.map { .number(JSONNumber($0)) } ?? .null,
            "replacedImports": .array(record.replacedImports.map { .number(JSONNumber(Int($0))) }),
        ]
    }
}

extension Request {
    /// The `:importId` of an import route: the import's number, 1 or more; anything else reads like an unknown one (404).
    func importNumber() throws -> Int64 {
        let number = try parameter("importId", as: Int.self, invalid: DomainError.notFound("Import"))
        guard number >= 1 else { throw DomainError.notFound("Import") }
        return Int64(number)
    }
}
