public import HTTPKit
import CFastCGI
public import Logging
import Synchronization

/// The FastCGI worker: `threads` threads, each with its own libfcgi request and its own thread
/// context (so its own database connection), accepting on one shared listening socket.
///
/// `run()` returns after SIGTERM or SIGINT once every in-flight request has been answered.
public struct FastCGIServer<App: Responder>: Sendable {
    public let listener: Listener
    public let threads: Int
    public let application: App
    public let logger: Logger
    /// Called on each worker thread as it exits (to free per-thread library state).
    public let threadExit: @Sendable () -> Void

    public init(
        listener: Listener,
        threads: Int,
        application: App,
        logger: Logger,
        threadExit: @escaping @Sendable () -> Void = {}
    ) {
        self.listener = listener
        self.threads = max(1, threads)
        self.application = application
        self.logger = logger
        self.threadExit = threadExit
    }

    /// Serves until SIGTERM or SIGINT.
    /// - Parameter background: extra loops to run on their own threads (schedulers); each gets the
    ///   shared stop flag and must return soon after it turns true.
    /// - Throws: `FastCGIError` when the listener cannot be opened or threads cannot start.
    public func run(background: [@Sendable (StopFlag) -> Void] = []) throws(FastCGIError) {
        ShutdownSignal.block()
        guard FCGX_Init() == 0 else { throw FastCGIError("FCGX_Init failed", errno: 0) }
        let fd = try listener.open(backlog: 1024)
        let identity = listener.identity()
        defer { listener.close(fd, identity: identity) }
        let stop = StopFlag()
        var workers: [PosixThread] = []
        for index in 0..<threads {
            let worker = FastCGIWorker(index: index, listenFD: fd, application: application, logger: logger, stop: stop)
            let application = self.application
            let threadExit = self.threadExit
            workers.append(try PosixThread.spawn {
                worker.run(context: application.makeThreadContext())
                threadExit()
            })
        }
        for loop in background {
            workers.append(try PosixThread.spawn {
                loop(stop)
                threadExit()
            })
        }
        logger.info("listening", metadata: ["listener": "\(listener)", "threads": "\(threads)"])
        let signal = ShutdownSignal.wait()
        logger.info("shutting down: finishing in-flight requests", metadata: ["signal": "\(signal)"])
        stop.set()
        for worker in workers { worker.join() }
        logger.info("stopped")
    }
}

/// Set once when the process should stop; read by every loop between units of work.
public final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}
