import BudgetCore
import BudgetStorage
import Foundation
import JSON
import MariaDB

/// The read side of alerting: a budget's breaches with their deliveries, and the organization's
/// event feed.
enum AlertRoutes {
    static let defaultFeedLimit = 100
    static let maximumFeedLimit = 1000

    static func add(to router: inout Router, _ services: Services) {
        router.get("/api/budgets/:id/alerts") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let view = try services.budgets(connection, logger: context.logger).get(try BudgetRoutes.budgetId(request), for: principal)
            let history = try AlertHistory.load(budget: view.budget, connection: connection)
            return .json([
                "budgetId": .string(view.budget.id.lowercasedString),
                "lastEvaluatedAt": view.lastEvaluatedAt.map { .string(UTCTimestamp.iso8601($0)) } ?? .null,
                "alerts": .array(history.map { json($0, showErrors: principal.canAdministerOrganization) }),
            ])
        }

        router.get("/api/events") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            let organizationId = try principal.requireOrganization()
            let (after, limit) = try feedParameters(request)
            let events = try MariaDBEventStore(connection: connection).list(organizationId: organizationId, after: after, limit: limit + 1)
            let page = events.prefix(limit)
            return .json([
                "events": .array(page.map(\.payload)),
                "nextCursor": .string(String(page.last?.sequence ?? after)),
                "hasMore": .bool(events.count > limit),
            ])
        }
    }

    /// `after` (a cursor from `nextCursor`, default 0: from the start) and `limit` (1…1000, default 100).
    static func feedParameters(_ request: Request) throws -> (after: Int64, limit: Int) {
        var errors: [FieldError] = []
        var after: Int64 = 0
        if let text = request.query["after"] {
            if text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) {
                after = value
            } else {
                errors.append(FieldError("after", "must be a cursor from nextCursor (up to 18 digits)"))
            }
        }
        var limit = defaultFeedLimit
        if let text = request.query["limit"] {
            if let value = Int(text), (1...maximumFeedLimit).contains(value) { limit = value } else {
                errors.append(FieldError("limit", "must be a whole number from 1 to \(maximumFeedLimit)"))
            }
        }
        if !errors.isEmpty { throw DomainError.invalid(errors) }
        return (after, limit)
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
