import Foundation
import Glibc
import Synchronization

/// Where log lines go: straight to stderr, or, in the worker, through buffers written out every
/// 50 ms, as nginx's `access_log … buffer= flush=` does.
///
/// Every request logs a line, and its own write(2) cost the worker a tenth of its `/livez`
/// throughput; one buffer shared by the threads then cost another eighth in lock contention
/// (`perf`: 12 % of the worker's samples spinning in the mutex). So each thread appends to a buffer
/// of its own, behind a lock that only it and the 50 ms flusher take. A warning or worse is written
/// at once, with every buffered line, and so is the rest at exit; a crash can lose at most the last
/// 50 ms of ordinary lines. Lines of one thread stay in order; between threads the timestamps say it.
final class LogOutput: Sendable {
    static let shared = LogOutput()

    /// One thread's lines waiting to be written.
    private final class ThreadBuffer: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    private let buffering = Atomic<Bool>(false)
    /// Every thread's buffer, for the flusher; a thread registers once, on its first line.
    private let buffers = Mutex<[ThreadBuffer]>([])
    /// Held while writing, so two flushes never write one thread's lines out of order.
    private let writing = Mutex<Void>(())
    /// A thread's buffer this large is written at once, without waiting for the timer.
    private static let highWater = 64 * 1024
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Writes `line` (one complete line), now or with the next flush.
    func write(_ line: [UInt8], urgent: Bool) {
        guard buffering.load(ordering: .acquiring) else {
            // One write of at most PIPE_BUF bytes is atomic on pipes and O_APPEND files: such a
            // line needs no lock to stay whole.
            if line.count <= Int(PIPE_BUF) {
                LogOutput.writeAll(line)
            } else {
                writing.withLock { _ in LogOutput.writeAll(line) }
            }
            return
        }
        let full = threadBuffer().bytes.withLock { bytes -> Bool in
            bytes.append(contentsOf: line)
            return bytes.count >= LogOutput.highWater
        }
        if urgent || full { flush() }
    }

    /// This thread's buffer, made and registered on its first line.
    private func threadBuffer() -> ThreadBuffer {
        if let pointer = pthread_getspecific(LogOutput.key) {
            return Unmanaged<ThreadBuffer>.fromOpaque(pointer).takeUnretainedValue()
        }
        let buffer = ThreadBuffer()
        buffers.withLock { $0.append(buffer) }
        // Retained for the life of the process: a worker has a fixed set of threads.
        pthread_setspecific(LogOutput.key, Unmanaged.passRetained(buffer).toOpaque())
        return buffer
    }

    /// From now on lines wait in the buffers; a thread writes them out every `interval`, and the
    /// process writes the rest when it exits.
    func startBuffering(every interval: Duration = .milliseconds(50)) {
        guard !buffering.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit { LogOutput.shared.flush() }
        let microseconds = UInt32(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)
        let thread = Thread {
            while true {
                usleep(microseconds)
                LogOutput.shared.flush()
            }
        }
        thread.name = "budgetd-log"
        thread.start()
    }

    /// Writes every line waiting, each thread's in order.
    func flush() {
        writing.withLock { _ in
            var bytes: [UInt8] = []
            for buffer in buffers.withLock({ $0 }) {
                buffer.bytes.withLock { waiting in
                    guard !waiting.isEmpty else { return }
                    bytes.append(contentsOf: waiting)
                    waiting.removeAll(keepingCapacity: true)
                }
            }
            if !bytes.isEmpty { LogOutput.writeAll(bytes) }
        }
    }

    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
    }
}
