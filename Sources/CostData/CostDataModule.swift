public import Web

/// Cost data as the application composes it: the import endpoint, the import history, and the
/// connections page with its upload form.
public struct CostDataModule: Sendable {
    /// Largest cost file accepted, in bytes. Default 2 GiB.
    public let importBodyLimit: Int
    public let observers: [any ImportObserver]

    public init(importBodyLimit: Int = 2 << 30, observers: [any ImportObserver]) {
        self.importBodyLimit = importBodyLimit
        self.observers = observers
    }

    public func addRoutes(to routes: Routes) {
        CostRoutes(module: self).add(to: routes)
        ConnectionsPage(module: self).add(to: routes)
    }
}

extension Notice {
    static let importDone = Notice("import-done", "Cost file imported.")
    static let connectionAdded = Notice("connection-added", "The connection was added. Import its costs from a FOCUS file below it.")
    static let connectionRenamed = Notice("connection-renamed", "The connection was renamed.")
    static let serviceAdded = Notice("service-added", "The service was added to the catalogue.")
}

extension CostDataModule {
    public static let notices: [Notice] = [.importDone, .connectionAdded, .connectionRenamed, .serviceAdded]
}
