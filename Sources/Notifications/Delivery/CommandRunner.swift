import Kernel
import Dispatch
import Foundation
import Glibc

/// Runs a command with bytes on its stdin and collects what it prints, within a time limit.
///
/// Foundation's `Process` starts the child with an empty signal mask and without the worker's
/// other file descriptors (the FastCGI socket, database connections), which is what a mail
/// command must get from a threaded server.
enum CommandRunner {
    struct Outcome {
        /// The exit status, or 128 + the signal that ended the command.
        let status: Int32
        /// The first 2 KiB of stdout and stderr together.
        let output: String
        let timedOut: Bool
    }

    /// - Throws: `DeliveryError` when the command cannot be started (not found, not executable).
    static func run(_ command: [String], input: [UInt8], timeout: Duration) throws(DeliveryError) -> Outcome {
        ignoreBrokenPipes
        guard let name = command.first, let executable = resolve(name) else {
            throw DeliveryError("mail command \(command.first ?? "(empty)") not found or not executable")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw DeliveryError("cannot start \(executable): \(error.localizedDescription)")
        }
        let collected = OutputCollector(output.fileHandleForReading)
        let writer = stdin.fileHandleForWriting
        let message = Data(input)
        DispatchQueue.global().async {
            // A command that exits without reading everything is an EPIPE here, not a crash.
            try? writer.write(contentsOf: message)
            try? writer.close()
        }
        let seconds = timeout.seconds
        var timedOut = false
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Outcome(status: status, output: collected.text(waiting: .seconds(1)), timedOut: timedOut)
    }

    /// A path as given, or the first executable of that name on `PATH`.
    static func resolve(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Writing to a command that already exited must fail with EPIPE, not end this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// Reads a command's output on another thread, keeping the first 2 KiB.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            while let chunk = try? handle.read(upToCount: 4096), !chunk.isEmpty {
                self.lock.withLock { if self.data.count < 2048 { self.data.append(chunk.prefix(2048 - self.data.count)) } }
            }
            self.done.signal()
        }
    }

    /// What was read; waits a little for the end, since a grandchild may hold the pipe open.
    func text(waiting: Duration) -> String {
        _ = done.wait(timeout: .now() + waiting.seconds)
        return lock.withLock { String(decoding: data, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
