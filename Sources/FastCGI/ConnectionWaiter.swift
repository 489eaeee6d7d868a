import CFastCGI
import Glibc

/// An idle thread's wait for the next connection on the shared, non-blocking listening socket.
///
/// Each thread waits in an epoll instance of its own with `EPOLLEXCLUSIVE`, so that a new connection
/// wakes one idle thread rather than all of them: with `poll` every connection woke every idle
/// thread, and all but one went back to sleep after a failed accept (a context switch each).
/// Without epoll (it cannot fail on Linux but for lack of memory or descriptors) it falls back to `poll`.
struct ConnectionWaiter {
    private let listenFD: Int32
    private let epollFD: Int32

    init(listenFD: Int32) {
        self.listenFD = listenFD
        var fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        if fd >= 0 {
            var event = epoll_event()
            event.events = EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue
            event.data.fd = listenFD
            if epoll_ctl(fd, EPOLL_CTL_ADD, listenFD, &event) != 0 {
                Glibc.close(fd)
                fd = -1
            }
        }
        epollFD = fd
    }

    /// Returns when a connection may be waiting, or after `milliseconds` (so the caller can look at
    /// its stop flag), or on a signal.
    func wait(milliseconds: Int32) {
        if epollFD >= 0 {
            var event = epoll_event()
            _ = epoll_wait(epollFD, &event, 1, milliseconds)
        } else {
            var pfd = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, milliseconds)
        }
    }

    func close() {
        if epollFD >= 0 { Glibc.close(epollFD) }
    }
}
