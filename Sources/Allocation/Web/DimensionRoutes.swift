import CSVStream
import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `/api/allocation/dimensions` (everyone reads, admins write), `/api/allocation/metrics/{month}`
/// (JSON or a CSV file) and `/api/allocation/chargeback` (JSON or CSV).
struct DimensionRoutes {
    func add(to routes: Routes) {
        let api = routes.api

        api.get("/api/allocation/dimensions") { _, api in
            let dimensions = try DimensionService(db: api.db, now: api.now).dimensions(for: api.principal)
            return .json(["dimensions": .array(dimensions.map(DimensionDocument.json))])
        }
        api.post("/api/allocation/dimensions") { request, api in
            let (input, errors) = try DimensionRoutes.input(request)
            let dimension = try DimensionService(db: api.db, now: api.now).create(input, typeErrors: errors, by: api.principal)
            return .created(DimensionDocument.json(dimension), location: "/api/allocation/dimensions/\(dimension.id.lowercasedString)")
        }
        api.get("/api/allocation/dimensions/:id") { request, api in
            .json(DimensionDocument.json(try DimensionService(db: api.db, now: api.now).dimension(try request.dimensionId(), for: api.principal)))
        }
        api.put("/api/allocation/dimensions/:id") { request, api in
            let id = try request.dimensionId()
            let (input, errors) = try DimensionRoutes.input(request)
            return .json(DimensionDocument.json(try DimensionService(db: api.db, now: api.now).replace(id, with: input, typeErrors: errors,
                                                                                                     by: api.principal)))
        }
        api.delete("/api/allocation/dimensions/:id") { request, api in
            try DimensionService(db: api.db, now: api.now).delete(try request.dimensionId(), by: api.principal)
            return .noContent
        }

        api.get("/api/allocation/metrics/:month") { request, api in
            let month = try request.allocationMonth()
            let figures = try DimensionService(db: api.db, now: api.now).figures(month: month, for: api.principal)
            return .json(AllocationJSON.figures(figures, month: month))
        }
        api.put("/api/allocation/metrics/:month") { request, api in
            let month = try request.allocationMonth()
            let upload = try MetricUpload(request)
            let figures = try DimensionService(db: api.db, now: api.now).setFigures(month: month, metric: upload.metric, values: upload.values,
                                                                                    typeErrors: upload.errors, by: api.principal)
            return .json(AllocationJSON.figures(figures, month: month))
        }

        api.get("/api/allocation/chargeback") { request, api in
            let month = try CompliancePage.month(request.query["month"], today: LocalDate(api.now))
            let service = DimensionService(db: api.db, now: api.now)
            guard let name = request.query["dimension"], !name.isEmpty, name.unicodeScalars.count <= AllocationDimension.maximumNameLength else {
                throw DomainError.invalid([FieldError("dimension", "is required: the dimension's name (at most 64 characters), such as Department")])
            }
            let format = request.query["format"] ?? "json"
            guard format == "json" || format == "csv" else { throw DomainError.invalid([FieldError("format", "must be json or csv")]) }
            let statement = try service.chargeback(try service.dimension(named: name, for: api.principal), month: month, for: api.principal)
            if format == "csv" {
                return .csv(ChargebackCSV.statement(statement), fileName: ChargebackCSV.fileName(statement))
            }
            return .json(ChargebackJSON.statement(statement))
        }
    }

    /// A dimension body, with the type problems found reading it.
    static func input(_ request: Request) throws -> (DimensionInput, [FieldError]) {
        var fields = JSONFields(try request.jsonObject())
        fields.rejectUnknown(["name", "tagKey", "sharedServices", "sharedMethod", "fixedShares", "metric", "rules", "owners", "keepsUnallocated",
                              "id", "createdAt", "updatedAt"])
        var input = DimensionInput()
        input.name = fields.string("name")
        input.tagKey = fields.string("tagKey")
        input.sharedServices = fields.stringArray("sharedServices")
        input.sharedMethod = fields.string("sharedMethod")
        input.metric = fields.string("metric")
        input.keepsUnallocated = fields.bool("keepsUnallocated")
        if let shares = fields.object("fixedShares") {
            input.fixedShares = shares.map { key, value in
                if value.numberValue == nil { fields.errors.add("fixedShares.\(key)", "must be a number, not \(value.typeName)") }
                return (key, value.numberValue?.text)
            }
        }
        if let owners = fields.object("owners") {
            input.owners = owners.map { key, value in
                if value.stringValue == nil { fields.errors.add("owners.\(key)", "must be an e-mail address, not \(value.typeName)") }
                return (key, value.stringValue)
            }
        }
        input.rules = fields.objectArray("rules")?.enumerated().map { i, object in
            var rule = JSONFields(object, prefix: "rules[\(i)]")
            rule.rejectUnknown(["match", "value"])
            var parsed = DimensionInput.Rule()
            parsed.value = rule.string("value")
            if let match = rule.object("match") {
                parsed.hasMatch = true
                var m = JSONFields(match, prefix: "rules[\(i)].match")
                m.rejectUnknown(["connectionId", "serviceName", "resourceIdGlob", "tag"])
                parsed.connectionId = m.string("connectionId")
                parsed.serviceName = m.string("serviceName")
                parsed.resourceIdGlob = m.string("resourceIdGlob")
                if let tag = m.object("tag") {
                    parsed.hasTag = true
                    var t = JSONFields(tag, prefix: "rules[\(i)].match.tag")
                    t.rejectUnknown(["key", "value"])
                    parsed.tagKey = t.string("key")
                    parsed.tagValue = t.string("value")
                    m.absorb(t)
                }
                rule.absorb(m)
            }
            fields.absorb(rule)
            return parsed
        }
        return (input, fields.errors.list)
    }
}

/// Usage figures as a client sent them: `{"metric","values":{value: number}}`, or a CSV file with
/// the header `metric,value,quantity` (one metric per upload).
struct MetricUpload {
    var metric: String?
    var values: [(value: String, quantity: String?, field: String)] = []
    var errors: [FieldError] = []

    init(_ request: Request) throws {
        if let type = request.mediaType, type == "text/csv" || type == "application/csv" {
            try readCSV(request.body)
            return
        }
        var fields = JSONFields(try request.jsonObject())
        fields.rejectUnknown(["metric", "values", "month"])
        metric = fields.requiredString("metric")
        if let object = fields.object("values") {
            values = object.map { key, value in
                if value.numberValue == nil { fields.errors.add("values.\(key)", "must be a number, not \(value.typeName)") }
                return (key, value.numberValue?.text, "values.\(key)")
            }
        } else if !fields.hasError(at: "values") {
            fields.errors.add("values", "is required: an object of value → quantity, such as {\"engineering\": 1200}")
        }
        errors = fields.errors.list
    }

    private mutating func readCSV(_ body: [UInt8]) throws {
        var offset = 0
        var csv = CSVReader { buffer in
            let n = min(buffer.count, body.count - offset)
            if n > 0 { body.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            offset += n
            return n
        }
        do {
            guard try csv.next() else {
                errors.append(FieldError("file", "is empty; the header metric,value,quantity is expected"))
                return
            }
            let header = (0..<csv.fieldCount).map { (csv.string($0) ?? "").trimmingWhitespaceAndNewlines().lowercased() }
            guard let m = header.firstIndex(of: "metric"), let v = header.firstIndex(of: "value"), let q = header.firstIndex(of: "quantity") else {
                errors.append(FieldError("file", "must start with the header metric,value,quantity"))
                return
            }
            while try csv.next() {
                let line = csv.recordLine
                let field = "line \(line)"
                guard csv.fieldCount == header.count else {
                    errors.append(FieldError(field, "has \(csv.fieldCount) fields, but the header has \(header.count)"))
                    continue
                }
                let name = (csv.string(m) ?? "").trimmingWhitespaceAndNewlines()
                if let metric, metric != name {
                    errors.append(FieldError(field, "is for \(name), but the file began with \(metric); upload one metric per file"))
                    continue
                }
                metric = name
                values.append(((csv.string(v) ?? ""), (csv.string(q) ?? "").trimmingWhitespaceAndNewlines(), field))
            }
        } catch let error as CSVError {
            errors.append(FieldError("file", "is not a CSV file: \(error)"))
        }
    }
}

extension Request {
    /// The `:id` of a dimension route; an id that cannot exist reads like an unknown one (404).
    func dimensionId() throws -> UUID { try parameter("id", as: UUID.self, invalid: DomainError.notFound("Dimension")) }

    /// The `:month` of a metrics route (`2026-11`).
    func allocationMonth() throws -> LocalDate {
        guard let text = parameters["month"], let month = MonthParameter.parse(text) else {
            throw DomainError.invalid([FieldError("month", "must be a month such as 2026-11")])
        }
        return month
    }
}
