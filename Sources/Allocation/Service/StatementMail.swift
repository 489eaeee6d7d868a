import Foundation
import Kernel
import Templating

/// The e-mails of chargeback statements, rendered from `templates/allocation/emails/`: a statement
/// issued (to each owner), a line disputed (to the admins), a dispute resolved (to the owner).
struct StatementMail {
    let subject: String
    let text: String
    let html: String

    static func issued(_ statement: IssuedStatement, lines: [IssuedStatement.Line], organizationName: String, templates: TemplateLibrary,
                       publicURL: String) throws -> StatementMail {
        let month = DateFormat.longMonth(statement.month)
        let subject = "\(statement.dimension) chargeback for \(month): "
            + lines.map { "\($0.value) \(MoneyFormat.amount($0.total.decimal, currency: $0.currency))" }.joined(separator: ", ")
        return try render("statement-issued", subject: subject, templates: templates, context: [
            "organizationName": .string(organizationName), "dimension": .string(statement.dimension), "month": .string(month),
            "version": .string(String(statement.version)), "checksum": .string(statement.checksum),
            "link": .string(link(statement, publicURL)),
            "lines": .list(lines.map { line in
                ["value": .string(line.value), "total": .string(MoneyFormat.amount(line.total.decimal, currency: line.currency)),
                 "services": .list(StatementDocument.serviceLines(of: statement, currency: line.currency, key: line.key).map { service in
                     ["name": .string(service.name), "cost": .string(MoneyFormat.amount(Decimal(string: service.cost) ?? 0, currency: line.currency))]
                 })]
            }),
        ])
    }

    static func disputed(_ statement: IssuedStatement, line: IssuedStatement.Line, dispute: IssuedStatement.Dispute, templates: TemplateLibrary,
                         publicURL: String) throws -> StatementMail {
        let month = DateFormat.longMonth(statement.month)
        return try render("dispute-raised", subject: "Disputed: \(line.value) in the \(statement.dimension) chargeback for \(month)",
                          templates: templates, context: [
            "dimension": .string(statement.dimension), "month": .string(month), "value": .string(line.value),
            "total": .string(MoneyFormat.amount(line.total.decimal, currency: line.currency)), "by": .string(dispute.raisedBy),
            "serviceName": dispute.serviceName.map(TemplateValue.string) ?? .null, "reason": .string(dispute.reason),
            "link": .string(link(statement, publicURL)),
        ])
    }

    static func resolved(_ statement: IssuedStatement, line: IssuedStatement.Line, dispute: IssuedStatement.Dispute, toValue: String?,
                         templates: TemplateLibrary, publicURL: String) throws -> StatementMail {
        let month = DateFormat.longMonth(statement.month)
        let adjusted = dispute.status == .adjusted
        return try render("dispute-resolved", subject: "\(adjusted ? "Adjusted" : "Not adjusted"): \(line.value) in the \(statement.dimension) "
                            + "chargeback for \(month)", templates: templates, context: [
            "dimension": .string(statement.dimension), "month": .string(month), "value": .string(line.value), "adjusted": .bool(adjusted),
            "amount": .string(dispute.adjustment.map { MoneyFormat.amount($0.decimal, currency: line.currency) } ?? ""),
            "toValue": .string(toValue ?? ""), "note": .string(dispute.resolution ?? ""), "by": .string(dispute.resolvedBy ?? ""),
            "link": .string(link(statement, publicURL)),
        ])
    }

    private static func link(_ statement: IssuedStatement, _ publicURL: String) -> String {
        publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/allocation/statements/\(statement.id.lowercasedString)"
    }

    private static func render(_ name: String, subject: String, templates: TemplateLibrary, context: TemplateValue) throws -> StatementMail {
        var context = context
        if case .object(var members) = context {
            members["subject"] = .string(subject)
            context = .object(members)
        }
        return StatementMail(subject: subject, text: try templates.render("allocation/emails/\(name).text", context, as: .plainText),
                             html: try templates.render("allocation/emails/\(name).html", context))
    }
}
