import Foundation
import JSON
import Kernel

/// Issued statements, their lines and disputes, and the chargeback KPIs, as the API answers them.
enum StatementJSON {
    static func summary(_ s: IssuedStatement) -> JSONValue {
        [
            "id": .string(s.id.lowercasedString), "dimension": .string(s.dimension), "month": .string(MonthParameter.text(s.month)),
            "version": .number(JSONNumber(s.version)), "checksum": .string(s.checksum), "issuedAt": .string(UTCTimestamp.iso8601(s.issuedAt)),
            "issuedBy": s.issuedBy.map(JSONValue.string) ?? .null,
            "lines": .array(s.lines.map { line(s, $0) }), "disputes": .array(s.disputes.map(dispute)),
        ]
    }

    static func statement(_ s: IssuedStatement) -> JSONValue {
        var object = summary(s).objectValue ?? [:]
        object["document"] = (try? JSONParser.parse(s.document)) ?? .null
        return .object(object)
    }

    static func line(_ s: IssuedStatement, _ l: IssuedStatement.Line) -> JSONValue {
        [
            "currency": .string(l.currency), "value": .string(l.value), "total": ChargebackJSON.money(l.total),
            "adjustedTotal": ChargebackJSON.money(s.adjustedTotal(of: l)), "owner": l.ownerEmail.map(JSONValue.string) ?? .null,
            "status": .string(l.status.rawValue), "respondedAt": l.respondedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
            "respondedBy": l.respondedBy.map(JSONValue.string) ?? .null,
        ]
    }

    static func dispute(_ d: IssuedStatement.Dispute) -> JSONValue {
        [
            "id": .string(d.id.lowercasedString), "statementId": .string(d.statementId.lowercasedString), "currency": .string(d.currency),
            "value": .string(d.key), "serviceName": d.serviceName.map(JSONValue.string) ?? .null, "reason": .string(d.reason),
            "raisedAt": .string(UTCTimestamp.iso8601(d.raisedAt)), "raisedBy": .string(d.raisedBy), "status": .string(d.status.rawValue),
            "resolution": d.resolution.map(JSONValue.string) ?? .null,
            "resolvedAt": d.resolvedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null, "resolvedBy": d.resolvedBy.map(JSONValue.string) ?? .null,
            "adjustment": d.adjustment.map { ["amount": ChargebackJSON.money($0), "toValue": .string(d.adjustmentTo ?? "")] } ?? .null,
        ]
    }

    static func kpis(_ k: ChargebackKPIs) -> JSONValue {
        [
            "acceptanceRate": k.acceptanceRate.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "acceptanceTarget": .number(JSONNumber(decimal: ChargebackKPIs.acceptanceTarget)),
            "ownedLines": .number(JSONNumber(k.ownedLines)), "acceptedLines": .number(JSONNumber(k.acceptedLines)),
            "openDisputes": .number(JSONNumber(k.openDisputes)), "resolvedDisputes": .number(JSONNumber(k.resolvedDisputes)),
            "meanDaysToResolve": k.meanDaysToResolve.map { .number(JSONNumber(decimal: $0)) } ?? .null,
            "resolutionTargetDays": .number(JSONNumber(decimal: ChargebackKPIs.resolutionTargetDays)),
        ]
    }
}
