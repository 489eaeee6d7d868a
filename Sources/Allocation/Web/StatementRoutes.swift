import Foundation
import HTTPKit
import JSON
import Kernel
import Templating
import Web

/// `/api/allocation/statements` (admins issue; everyone reads), owners' acceptances and disputes,
/// and admins' resolutions.
struct StatementRoutes {
    let module: AllocationModule

    func add(to routes: Routes) {
        let api = routes.api
        let service = { @Sendable (api: APIContext) in module.statements(db: api.db, now: api.now) }

        api.post("/api/allocation/statements") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["dimension", "month"])
            let dimension = fields.requiredString("dimension")
            let monthText = fields.requiredString("month")
            var errors = fields.errors
            let month = monthText.flatMap(MonthParameter.parse)
            if monthText != nil, month == nil { errors.add("month", "must be a month written YYYY-MM") }
            try errors.check()
            guard let dimension, let month else { throw DomainError.invalid(errors.list) }
            let statement = try service(api).issue(dimensionName: dimension, month: month, by: api.principal)
            return .created(StatementJSON.statement(statement), location: "/api/allocation/statements/\(statement.id.lowercasedString)")
        }
        api.get("/api/allocation/statements") { request, api in
            let month = try request.query["month"].map { text -> LocalDate in
                guard let month = MonthParameter.parse(text) else {
                    throw DomainError.invalid([FieldError("month", "must be a month written YYYY-MM")])
                }
                return month
            }
            let dimension = request.query["dimension"]
            let statements = try service(api).statements(dimensionName: dimension, month: month, for: api.principal)
            // The KPIs of what was asked for; without a filter, of the last twelve months.
            let kpis = dimension == nil && month == nil ? try service(api).kpis(for: api.principal) : StatementService.kpis(of: statements)
            return .json(["statements": .array(statements.map(StatementJSON.summary)), "kpis": StatementJSON.kpis(kpis)])
        }
        api.get("/api/allocation/statements/:id") { request, api in
            .json(StatementJSON.statement(try service(api).statement(try request.statementId(), for: api.principal)))
        }
        api.post("/api/allocation/statements/:id/acceptance") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["currency", "value"])
            let (currency, value) = (fields.string("currency"), fields.requiredString("value"))
            try fields.check()
            let statement = try service(api).accept(try request.statementId(), currency: currency, value: value, by: api.principal)
            return .json(StatementJSON.statement(statement))
        }
        api.post("/api/allocation/statements/:id/disputes") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["currency", "value", "serviceName", "reason"])
            let (currency, value, serviceName, reason) = (fields.string("currency"), fields.requiredString("value"), fields.string("serviceName"),
                                                          fields.requiredString("reason"))
            try fields.check()
            let dispute = try service(api).dispute(try request.statementId(), currency: currency, value: value, serviceName: serviceName,
                                                   reason: reason, by: api.principal)
            return .created(StatementJSON.dispute(dispute), location: "/api/allocation/statements/\(dispute.statementId.lowercasedString)")
        }
        api.post("/api/allocation/disputes/:id/resolution") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["decision", "amount", "toValue", "note"])
            let (decision, amount, toValue, note) = (fields.requiredString("decision"), fields.number("amount"), fields.string("toValue"),
                                                     fields.requiredString("note"))
            try fields.check()
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Dispute"))
            return .json(StatementJSON.dispute(try service(api).resolve(dispute: id, decision: decision, amount: amount, toValue: toValue, note: note,
                                                                        by: api.principal)))
        }
    }
}

extension Request {
    func statementId() throws -> UUID { try parameter("id", as: UUID.self, invalid: DomainError.notFound("Statement")) }
}
