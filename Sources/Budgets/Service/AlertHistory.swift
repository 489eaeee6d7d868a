import Kernel
import MariaDB
import Notifications

/// A budget's breaches, newest first, each with the messages that announced it: what the alerts
/// endpoint returns and the budget page shows.
enum AlertHistory {
    struct Entry {
        let breach: Breach
        let deliveries: [OutboxMessage]
        /// The breach of the same evaluation whose message also announced this one (recipients get
        /// one e-mail per budget and evaluation, about its highest threshold).
        let announcedWith: Breach?
    }

    /// Two queries whatever the number of breaches. The caller has checked that the budget is the
    /// caller's organization's.
    static func load(budget: Budget, connection: Connection, limit: Int = 100) throws -> [Entry] {
        let breaches = try BreachStore.list(budgetId: budget.id, organizationId: budget.organizationId, limit: limit, in: connection)
        let messages = try Outbox.messages(aboutBudget: budget.id, organizationId: budget.organizationId, in: connection)
        var byBreach: [Int64: [OutboxMessage]] = [:]
        for message in messages.reversed() {
            if let breachId = message.breachId { byBreach[breachId, default: []].append(message) }
        }
        return breaches.map { breach in
            let deliveries = byBreach[breach.id] ?? []
            let sibling = deliveries.isEmpty
                ? breaches.first { $0.id != breach.id && $0.breachedAt == breach.breachedAt && byBreach[$0.id] != nil }
                : nil
            return Entry(breach: breach, deliveries: deliveries, announcedWith: sibling)
        }
    }
}
