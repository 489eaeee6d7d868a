import Foundation
import Synchronization

/// What a health check can say about the database, for `/healthz` and load balancers.
public enum DatabaseHealth: String, Sendable {
    case ok
    /// The server cannot be reached.
    case unavailable
    /// It answers but takes no writes (`read_only` or `innodb_read_only` is on).
    case readOnly = "read-only"
    /// A recent write failed because a table or the disk is full (see `StorageAlarm`).
    case full

    public var acceptsWrites: Bool { self == .ok }
}

/// Remembers, for the whole process, that a write failed because storage is full: the server
/// itself cannot be asked whether it has room, so the health check reports what writes met.
/// The alarm clears when a transaction commits again, or a minute after the last failure.
public enum StorageAlarm {
    private static let raisedAt = Atomic<Int64>(0)
    static let holdSeconds: Int64 = 60

    static func raise() { raisedAt.store(Int64(Date().timeIntervalSince1970), ordering: .relaxed) }
    static func clear() {
        if raisedAt.load(ordering: .relaxed) != 0 { raisedAt.store(0, ordering: .relaxed) }
    }

    public static var isRaised: Bool {
        let at = raisedAt.load(ordering: .relaxed)
        return at != 0 && Int64(Date().timeIntervalSince1970) - at < holdSeconds
    }
}
