import Foundation
import HTTPKit
import JSON
import Kernel
import Notifications
import Web

/// The read side of alerting: a budget's breaches with their deliveries.
struct AlertRoutes {
    let module: BudgetsModule

    func add(to routes: Routes) {
        routes.api.get("/api/budgets/:id/alerts") { request, api in
            let view = try module.service(api.db, now: api.now, logger: api.logger).get(try request.budgetId(), for: api.principal)
            let history = try AlertHistory.load(budget: view.budget, connection: api.db)
            return .json([
                "budgetId": .string(view.budget.id.lowercasedString),
                "lastEvaluatedAt": view.lastEvaluatedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
                "alerts": .array(history.map { AlertRoutes.json($0, showErrors: api.principal.canAdministerOrganization) }),
            ])
        }
    }

    /// - Parameter showErrors: the mail command's or the webhook's own words are for the
    ///   organization's admins; others see only the status.
    static func json(_ entry: AlertHistory.Entry, showErrors: Bool) -> JSONValue {
        let b = entry.breach
        let number = { (value: Decimal) in JSONValue.number(JSONNumber(decimal: value)) }
        return .object([
            "id": .number(JSONNumber(Int(b.number))),
            "ruleId": .string(b.ruleId.lowercasedString),
            "triggerType": .string(b.triggerType.rawValue),
            "thresholdPercentage": number(b.thresholdPercentage),
            "thresholdAmount": number(b.thresholdAmount),
            "figure": number(b.figure),
            "budgetAmount": number(b.budgetAmount),
            "currency": .string(b.currency),
            "period": .object(["start": .string(b.period.start.iso), "end": .string(b.period.end.iso)]),
            "breachedAt": .string(UTCTimestamp.iso8601(b.breachedAt)),
            "clearedAt": b.clearedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
            "announcedWith": entry.announcedWith.map { .number(JSONNumber(Int($0.number))) } ?? .null,
            "deliveries": .array(entry.deliveries.map { message in
                .object([
                    "id": .number(JSONNumber(Int(message.number))),
                    "channel": .string(message.channel.rawValue),
                    "recipient": .string(message.channel == .email ? message.recipient : "webhook"),
                    "status": .string(message.status.rawValue),
                    "attempts": .number(JSONNumber(message.attempts)),
                    "lastError": showErrors ? message.lastError.map(JSONValue.string) ?? .null : .null,
                    "createdAt": .string(UTCTimestamp.iso8601(message.createdAt)),
                    "deliveredAt": message.deliveredAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
                ])
            }),
        ])
    }
}
