import Foundation

/// What the threads of a concurrency test report back, read once they have all finished.
public final class ThreadResults<Item: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Item] = []

    public init() {}

    public func append(_ item: Item) { lock.withLock { items.append(item) } }
    public var all: [Item] { lock.withLock { items } }
}
