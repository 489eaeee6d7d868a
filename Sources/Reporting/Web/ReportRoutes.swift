import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `/api/reports…` and `/api/report-subscriptions`.
struct ReportRoutes {
    let module: ReportingModule

    func add(to routes: Routes) {
        let api = routes.api
        for document in ReportRoutes.documents {
            api.get(document.api) { request, api in try document.read(request, module.service(api.db, now: api.now), api.principal) }
        }


        api.put("/api/reports/monthly/:month/budgets/:budgetId/explanation") { request, api in
            let month = try request.reportMonth()
            let budgetId = try request.parameter("budgetId", as: UUID.self, invalid: DomainError.notFound("Budget"))
            var fields = JSONFields(try request.jsonObject())
            let text = fields.requiredString("text")
            fields.rejectUnknown(["text"])
            let explanation = try module.service(api.db, now: api.now)
                .explain(month, budgetId: budgetId, text: text, typeErrors: fields.errors.list, by: api.principal)
            return .json(["month": .string(ReportMonth.text(month)), "budgetId": .string(budgetId.lowercasedString),
                          "explanation": explanation.map(ReportRoutes.explanationJSON) ?? .null])
        }

        api.post("/api/reports/monthly/:month/issue") { request, api in
            let month = try request.reportMonth()
            var force = false
            if !request.body.isEmpty {
                let object = try request.jsonObject()
                var fields = JSONFields(object)
                fields.rejectUnknown(["force"])
                if let value = object["force"], !value.isNull {
                    guard case .bool(let flag) = value else { throw DomainError.invalid([FieldError("force", "must be true or false")]) }
                    force = flag
                }
                try fields.check()
            }
            let version = try module.service(api.db, now: api.now).issue(month, force: force, by: api.principal)
            return .created(ReportRoutes.versionJSON(version, document: false),
                            location: "/api/reports/monthly/\(ReportMonth.text(month))/versions/\(version.version)")
        }

        api.get("/api/reports/monthly/:month/versions") { request, api in
            let versions = try module.service(api.db, now: api.now).versions(try request.reportMonth(), for: api.principal)
            return .json(["versions": .array(versions.map { ReportRoutes.versionJSON($0, document: false) })])
        }


        api.get("/api/reports/monthly/:month/history") { request, api in
            let entries = try module.service(api.db, now: api.now).audit(try request.reportMonth(), for: api.principal)
            return .json(["history": .array(entries.map(ReportRoutes.auditJSON))])
        }


        api.get("/api/report-subscriptions") { _, api in
            let subscriptions = try module.service(api.db, now: api.now).subscriptions(for: api.principal)
            return .json(["subscriptions": .array(subscriptions.map(ReportRoutes.subscriptionJSON))])
        }

        api.post("/api/report-subscriptions") { request, api in
            var fields = JSONFields(try request.jsonObject())
            let report = fields.requiredString("report")
            let email = fields.requiredString("email")
            let format = fields.string("format")
            fields.rejectUnknown(["report", "email", "format"])
            let subscription = try module.service(api.db, now: api.now)
                .subscribe(report: report, email: email, format: format, typeErrors: fields.errors.list, by: api.principal)
            return .created(ReportRoutes.subscriptionJSON(subscription),
                            location: "/api/report-subscriptions/\(subscription.id.lowercasedString)")
        }

        api.delete("/api/report-subscriptions/:id") { request, api in
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Subscription"))
            try module.service(api.db, now: api.now).unsubscribe(id, by: api.principal)
            return .noContent
        }
    }

    /// The read-only documents, served alike to API clients (bearer tokens, `api`) and to signed-in
    /// browsers (the session, `page`), so that the links on the pages work.
    static let documents: [(api: String, page: String, read: @Sendable (Request, ReportService, Principal) throws -> Response)] = [
        ("/api/reports/monthly/:month", "/reports/monthly/:month/report.json", { request, service, principal in
            .json(try monthlyJSON(try service.monthly(try request.reportMonth(), for: principal), service: service, principal: principal))
        }),
        ("/api/reports/monthly/:month/services.csv", "/reports/monthly/:month/services.csv", { request, service, principal in
            let report = try service.monthly(try request.reportMonth(), for: principal)
            return .csv(ReportCSV.services(report), fileName: ReportCSV.fileName(ReportMonth.text(report.month), "services"))
        }),
        ("/api/reports/monthly/:month/budgets.csv", "/reports/monthly/:month/budgets.csv", { request, service, principal in
            let report = try service.monthly(try request.reportMonth(), for: principal)
            return .csv(ReportCSV.budgets(report), fileName: ReportCSV.fileName(ReportMonth.text(report.month), "budgets"))
        }),
        ("/api/reports/monthly/:month/versions/:version", "/reports/monthly/:month/versions/:version", { request, service, principal in
            .json(versionJSON(try service.version(try request.reportMonth(), number: try request.versionNumber(), for: principal), document: true))
        }),
        ("/api/reports/daily", "/reports/daily.json", { request, service, principal in
            .json(ReportJSON.daily(try service.daily(try request.reportDate(), for: principal)))
        }),
        ("/api/reports/weekly/:week", "/reports/weekly/:week/summary.json", { request, service, principal in
            .json(ReportJSON.weekly(try service.weekly(try request.reportWeek(), for: principal)))
        }),
    ]

    /// The report, with how it differs from its latest issued version.
    static func monthlyJSON(_ report: MonthlyReport, service: ReportService, principal: Principal) throws -> JSONValue {
        guard case .object(var object) = ReportJSON.monthly(report) else { return .null }
        let restatement = try service.restatement(of: report, for: principal)
        object["latestIssuedVersion"] = restatement.map { .number(JSONNumber($0.version)) } ?? .null
        object["restatedSinceIssued"] = restatement.flatMap { r -> JSONValue? in
            guard r.isRestated else { return nil }
            return [
                "version": .number(JSONNumber(r.version)),
                "issuedAt": .string(UTCTimestamp.iso8601(r.issuedAt)),
                "totals": .object(JSONObject(r.totals.sorted { $0.key < $1.key }.map { ($0.key, ReportJSON.money($0.value)) })),
                "differences": .array(r.differences.map { d in
                    ["currency": .string(d.currency), "connectionName": .string(d.connectionName), "serviceName": .string(d.serviceName),
                     "amount": ReportJSON.money(d.amount)]
                }),
            ]
        } ?? .null
        return .object(object)
    }

    static func explanationJSON(_ e: Explanation) -> JSONValue {
        ["text": .string(e.text), "author": e.authorEmail.map { .string($0) } ?? .null, "updatedAt": .string(UTCTimestamp.iso8601(e.updatedAt))]
    }

    static func versionJSON(_ v: IssuedVersion, document: Bool) -> JSONValue {
        var object: JSONObject = [
            "month": .string(ReportMonth.text(v.month)), "version": .number(JSONNumber(v.version)), "sha256": .string(v.sha256),
            "issuedBy": v.issuedByEmail.map { .string($0) } ?? .null, "issuedAt": .string(UTCTimestamp.iso8601(v.issuedAt)),
            "issuedThrough": .string(v.issuedThrough.rawValue), "forced": .bool(v.forced),
        ]
        if document { object["document"] = (try? JSONParser.parse(Array(v.document.utf8))) ?? .null }
        return .object(object)
    }

    static func auditJSON(_ e: ReportAuditEntry) -> JSONValue {
        [
            "action": .string(e.action.rawValue), "budgetId": e.budgetId.map { .string($0.lowercasedString) } ?? .null,
            "version": e.version.map { .number(JSONNumber($0)) } ?? .null, "actor": e.actorEmail.map { .string($0) } ?? .null,
            "detail": e.detail ?? .null, "at": .string(UTCTimestamp.iso8601(e.createdAt)),
        ]
    }

    static func subscriptionJSON(_ s: ReportSubscription) -> JSONValue {
        [
            "id": .string(s.id.lowercasedString), "report": .string(s.report.rawValue), "email": .string(s.email),
            "format": .string(s.format.rawValue), "createdAt": .string(UTCTimestamp.iso8601(s.createdAt)),
        ]
    }
}
