import Foundation
public import Logging
public import MariaDB
public import Web

/// Notifications as the application composes it: the event feed and webhooks (routes and pages),
/// and the deliverer that sends the outbox (a background loop).
public struct NotificationsModule: Sendable {
    public let settings: DeliverySettings
    /// Every feature's event types, for webhook subscriptions.
    public let eventKinds: [DomainEvent.Kind]
    public let observers: [any DeliveryObserver]

    public init(settings: DeliverySettings, eventKinds: [DomainEvent.Kind], observers: [any DeliveryObserver]) {
        self.settings = settings
        self.eventKinds = eventKinds
        self.observers = observers
    }

    func webhooks(_ db: Connection) -> WebhookService {
        WebhookService(db: db, eventKinds: eventKinds, allowPrivate: settings.allowPrivateWebhooks)
    }

    public func addRoutes(to routes: Routes) {
        EventRoutes().add(to: routes)
        WebhookRoutes(module: self).add(to: routes)
        WebhooksPage(module: self).add(to: routes)
    }

    /// The deliverer, every `interval`, on its own connection.
    public func deliveryLoop(database: ConnectionConfiguration, interval: Duration, logger: Logger) -> DeliveryLoop {
        DeliveryLoop(database: database, settings: settings, interval: interval, logger: logger, observers: observers)
    }

    /// One pass of the deliverer now, for the command line.
    public func delivery(logger: Logger) -> OutboxDelivery {
        OutboxDelivery(settings: settings, logger: logger, observers: observers)
    }
}
