import Glibc

/// A plain POSIX thread: worker threads block in C calls (accept, MariaDB I/O), which is exactly
/// what Swift's cooperative pool must not do.
struct PosixThread {
    private let id: pthread_t

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts `body` on a new thread with an 8 MiB stack, since template rendering and JSON recurse.
    static func spawn(_ body: @escaping @Sendable () -> Void) throws(FastCGIError) -> PosixThread {
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        pthread_attr_init(attributes)
        defer {
            pthread_attr_destroy(attributes)
            attributes.deallocate()
        }
        pthread_attr_setstacksize(attributes, 8 << 20)
        var id = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let rc = pthread_create(&id, attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard rc == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw FastCGIError("cannot start a worker thread", errno: rc)
        }
        return PosixThread(id: id)
    }

    func join() { pthread_join(id, nil) }
}
