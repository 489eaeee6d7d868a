import Foundation
import Glibc
import Synchronization

/// Where log lines go: straight to stderr, or, in the worker, through a buffer written out every
/// 50 ms, as nginx's `access_log … buffer= flush=` does.
///
/// Every request logs a line, and its own write(2) cost the worker a tenth of its `/livez`
/// throughput (measured with scripts/bench). Buffered, a request only appends under a lock held
/// for the copy. A warning or worse is written at once, with every line before it, and so is the
/// rest at exit; a crash can lose at most the last 50 ms of ordinary lines.
final class LogOutput: Sendable {
    static let shared = LogOutput()

    private struct Pending {
        var buffering = false
        var bytes: [UInt8] = []
    }

    private let pending = Mutex(Pending())
    /// Held while writing, so two flushes never write their lines out of order.
    private let writing = Mutex<Void>(())
    /// A buffer this large is written by the thread that filled it, without waiting for the timer.
    private static let highWater = 256 * 1024

    /// Writes `line` (one complete line), now or with the next flush.
    func write(_ line: [UInt8], urgent: Bool) {
        enum Next { case wait, flush, writeDirectly }
        let next = pending.withLock { state -> Next in
            guard state.buffering else { return .writeDirectly }
            state.bytes.append(contentsOf: line)
            return urgent || state.bytes.count >= LogOutput.highWater ? .flush : .wait
        }
        switch next {
        case .wait: return
        case .flush: flush()
        case .writeDirectly:
            // One write of at most PIPE_BUF bytes is atomic on pipes and O_APPEND files: such a
            // line needs no lock to stay whole.
            if line.count <= Int(PIPE_BUF) {
                LogOutput.writeAll(line)
            } else {
                writing.withLock { _ in LogOutput.writeAll(line) }
            }
        }
    }

    /// From now on lines wait in the buffer; a thread writes it out every `interval`, and the
    /// process writes the rest when it exits.
    func startBuffering(every interval: Duration = .milliseconds(50)) {
        let started = pending.withLock { state -> Bool in
            defer { state.buffering = true }
            return state.buffering
        }
        guard !started else { return }
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

    /// Writes every line waiting, in order.
    func flush() {
        writing.withLock { _ in
            let bytes = pending.withLock { state -> [UInt8] in
                defer { state.bytes.removeAll(keepingCapacity: true) }
                return state.bytes
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
