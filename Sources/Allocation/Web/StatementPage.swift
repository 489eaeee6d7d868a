import Foundation
import HTTPKit
import Kernel
import Templating
import Web

/// `/allocation/statements/:id`: an issued statement as frozen, each line with its owner's answer
/// and adjusted total, the forms its owner answers with (accept, dispute) and those an admin
/// resolves disputes with. A refused form comes back with what was typed and why.
struct StatementView: Page {
    static let template = "allocation/statement.show"
    var title: String { "\(statement.dimension) chargeback, \(DateFormat.longMonth(statement.month)), version \(statement.version)" }
    let statement: IssuedStatement
    let viewerEmail: String
    let isAdmin: Bool
    let now: Date
    /// A form that was refused: which one (`dispute-USD-engineering`, `resolve-<id>`), what was typed, why.
    var failure: (form: String, fields: [String: String], errors: [FieldError])?

    var address: String? { "/allocation/statements/\(statement.id.lowercasedString)" }

    var templateValue: TemplateValue {
        let failed = { (form: String) in failure?.form == form ? failure : nil }
        return [
            "id": .string(statement.id.lowercasedString),
            "dimension": .string(statement.dimension), "monthLabel": .string(DateFormat.longMonth(statement.month)),
            "version": .string(String(statement.version)), "checksum": .string(statement.checksum),
            "issuedAt": .string(DateFormat.timestamp(statement.issuedAt)), "issuedBy": .string(statement.issuedBy ?? "budgetd"),
            "liveLink": .string(ChargebackView.link(statement.dimension, statement.month)),
            "lines": .list(statement.lines.map { line in
                let money = { (cents: Cents) in MoneyFormat.amount(cents.decimal, currency: line.currency) }
                let adjusted = statement.adjustedTotal(of: line)
                let form = "dispute-\(line.currency)-\(line.key)"
                let isOwner = line.ownerEmail?.lowercased() == viewerEmail.lowercased()
                let typed = failed(form)
                return [
                    "anchor": .string(StatementView.anchor(line)),
                    "currency": .string(line.currency), "value": .string(line.value), "total": .string(money(line.total)),
                    "adjusted": adjusted == line.total ? .null : .string(money(adjusted)),
                    "owner": .string(line.ownerEmail ?? "no owner"), "status": .string(line.status.rawValue),
                    "statusLabel": .string(label(line)),
                    "canAnswer": .bool(isOwner && line.status == .pending), "canDispute": .bool(isOwner && line.status == .pending),
                    "services": .list(StatementDocument.services(of: statement, currency: line.currency, key: line.key).map { .string($0) }),
                    "reason": .string(typed?.fields["reason"] ?? ""), "serviceName": .string(typed?.fields["serviceName"] ?? ""),
                    "errors": .list((typed?.errors ?? []).map { .string("\($0.field == "reason" ? "Reason" : $0.field): \($0.message)") }),
                ]
            }),
            "disputes": .list(statement.disputes.map { d in
                let line = statement.lines.first { $0.currency == d.currency && $0.key == d.key }
                let typed = failed("resolve-\(d.id.lowercasedString)")
                let others = statement.lines.filter { $0.currency == d.currency && $0.key != d.key }.map(\.value)
                return [
                    "id": .string(d.id.lowercasedString), "value": .string(line?.value ?? d.key),
                    "service": d.serviceName.map(TemplateValue.string) ?? .null,
                    "reason": .string(d.reason), "by": .string(d.raisedBy), "raised": .string(DateFormat.timestamp(d.raisedAt)),
                    "status": .string(d.status.rawValue), "open": .bool(d.status == .open),
                    "days": .string(MoneyFormat.grouped(d.days(now: now), fractionDigits: 1)),
                    "resolution": d.resolution.map(TemplateValue.string) ?? .null, "resolvedBy": .string(d.resolvedBy ?? ""),
                    "adjustment": d.adjustment.map { amount in
                        let to = statement.lines.first { $0.key == d.adjustmentTo }?.value ?? d.adjustmentTo ?? ""
                        return .string("\(MoneyFormat.amount(amount.decimal, currency: d.currency)) moved to \(to)")
                    } ?? .null,
                    "canResolve": .bool(isAdmin && d.status == .open),
                    "others": .list(others.map { value in ["value": .string(value), "selected": .bool(typed?.fields["toValue"] == value)] }),
                    "decisionAdjust": .bool(typed?.fields["decision"] != "reject"), "amount": .string(typed?.fields["amount"] ?? ""),
                    "note": .string(typed?.fields["note"] ?? ""),
                    "errors": .list((typed?.errors ?? []).map { .string("\($0.field): \($0.message)") }),
                ]
            }),
        ]
    }

    /// `line-USD-engineering`: letters, digits and dashes only, for ids and links.
    static func anchor(_ line: IssuedStatement.Line) -> String {
        "line-\(line.currency)-\(line.key)".map { $0.isLetter || $0.isNumber || $0 == "-" ? String($0) : "-" }.joined()
    }

    private func label(_ line: IssuedStatement.Line) -> String {
        switch line.status {
        case .pending: return line.ownerEmail == nil ? "no owner to answer" : "awaiting the owner"
        case .accepted: return "accepted" + (line.respondedAt.map { " on \(DateFormat.timestamp($0))" } ?? "")
        case .disputed: return "disputed"
        }
    }
}

struct StatementPage {
    let module: AllocationModule

    func add(to routes: Routes) {
        routes.pages.get("/allocation/statements/:id") { request, page in
            let statement = try module.statements(db: page.db, now: page.now).statement(try request.statementId(), for: page.principal)
            return try routes.renderer.render(view(statement, page: page), request: request, session: page.session)
        }

        routes.forms.post("/allocation/chargeback/issue") { request, form in
            let dimension = form.form["dimension"] ?? ""
            let month = MonthParameter.parse(form.form["month"] ?? "") ?? LocalDate(form.now).firstOfMonth
            let statement = try module.statements(db: form.db, now: form.now).issue(dimensionName: dimension, month: month, by: form.principal)
            return PageRenderer.redirect("/allocation/statements/\(statement.id.lowercasedString)", notice: .statementIssued,
                                         secure: request.isSecure)
        }

        routes.forms.post("/allocation/statements/:id/accept") { request, form in
            let id = try request.statementId()
            let (currency, value) = (form.form["currency"], form.form["value"])
            _ = try module.statements(db: form.db, now: form.now).accept(id, currency: currency, value: value, by: form.principal)
            return PageRenderer.redirect("/allocation/statements/\(id.lowercasedString)", notice: .statementAccepted, secure: request.isSecure)
        }

        routes.forms.post("/allocation/statements/:id/dispute") { request, form in
            let id = try request.statementId()
            let fields = ["currency": form.form["currency"] ?? "", "value": form.form["value"] ?? "", "reason": form.form["reason"] ?? "",
                          "serviceName": form.form["serviceName"] ?? ""]
            let service = module.statements(db: form.db, now: form.now)
            do {
                _ = try service.dispute(id, currency: fields["currency"], value: fields["value"],
                                        serviceName: fields["serviceName"]!.isEmpty ? nil : fields["serviceName"], reason: fields["reason"],
                                        by: form.principal)
                return PageRenderer.redirect("/allocation/statements/\(id.lowercasedString)", notice: .disputeRaised, secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                var view = try view(try service.statement(id, for: form.principal), page: form.page)
                view.failure = ("dispute-\(fields["currency"]!)-\(TagKey.normalizedValue(fields["value"]!))", fields, error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }

        routes.forms.requiring(.admin, to: "resolve chargeback disputes").post("/allocation/disputes/:id/resolve") { request, form in
            let id = try request.parameter("id", as: UUID.self, invalid: DomainError.notFound("Dispute"))
            let fields = ["decision": form.form["decision"] ?? "", "amount": form.form["amount"] ?? "", "toValue": form.form["toValue"] ?? "",
                          "note": form.form["note"] ?? ""]
            let service = module.statements(db: form.db, now: form.now)
            let adjusting = fields["decision"] == "adjust"
            do {
                let dispute = try service.resolve(dispute: id, decision: fields["decision"], amount: adjusting ? fields["amount"] : nil,
                                                  toValue: adjusting ? fields["toValue"] : nil, note: fields["note"], by: form.principal)
                return PageRenderer.redirect("/allocation/statements/\(dispute.statementId.lowercasedString)", notice: .disputeResolved,
                                             secure: request.isSecure)
            } catch let error as DomainError where error.code == .invalid {
                var view = try view(try service.statement(ofDispute: id, for: form.principal), page: form.page)
                view.failure = ("resolve-\(id.lowercasedString)", fields, error.fieldErrors)
                return try routes.renderer.render(view, request: request, session: form.session, status: .badRequest)
            }
        }
    }

    private func view(_ statement: IssuedStatement, page: PageContext) throws -> StatementView {
        StatementView(statement: statement, viewerEmail: page.principal.email, isAdmin: page.principal.role == .admin, now: page.now)
    }
}
