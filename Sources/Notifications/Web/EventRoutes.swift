import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `GET /api/events`: the organization's event feed, resumable from a cursor.
struct EventRoutes {
    static let defaultFeedLimit = 100
    static let maximumFeedLimit = 1000

    func add(to routes: Routes) {
        routes.api.get("/api/events") { request, api in
            let organizationId = try api.principal.requireOrganization()
            let (after, limit) = try EventRoutes.feedParameters(request)
            let events = try EventLog.events(organizationId: organizationId, after: after, limit: limit + 1, in: api.db)
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
        var errors = FieldErrors()
        var after: Int64 = 0
        if let text = request.query["after"] {
            if text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int64(text) {
                after = value
            } else {
                errors.add("after", "must be a cursor from nextCursor (up to 18 digits)")
            }
        }
        var limit = defaultFeedLimit
        if let text = request.query["limit"] {
            if let value = Int(text), (1...maximumFeedLimit).contains(value) { limit = value } else {
                errors.add("limit", "must be a whole number from 1 to \(maximumFeedLimit)")
            }
        }
        try errors.check()
        return (after, limit)
    }
}
