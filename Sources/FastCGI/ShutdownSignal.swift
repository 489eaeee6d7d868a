import Glibc
import Synchronization

/// SIGTERM and SIGINT, received by one thread with `sigwait` instead of an async handler.
///
/// `block()` must run before any other thread starts so that every thread inherits the mask and
/// only the waiting thread ever sees these signals; libfcgi then leaves its own handlers out.
enum ShutdownSignal {
    private static var signals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks SIGTERM and SIGINT for this thread and the threads it starts; ignores SIGPIPE so a
    /// client that hangs up mid-response is an error code, not the end of the process.
    static func block() {
        var set = signals
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    /// Waits for SIGTERM or SIGINT.
    /// - Returns: the signal number.
    static func wait() -> Int32 {
        var set = signals
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
