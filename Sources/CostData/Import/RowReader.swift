import Kernel
import CSVStream
import Foundation
import MariaDB

/// Rows on their way from the thread that reads a file to the one that writes them.
struct RowBatch: Sendable {
    private(set) var rows: [ParsedRow] = []
    /// Billing periods a row of this batch was the first to name: their earlier line items are
    /// deleted before the batch is written.
    private(set) var newPeriods: [LocalDate] = []
    /// Raw bytes of the file read when the batch was full, for progress.
    var rawBytes = 0
    /// Roughly what the batch's INSERT sends, so that one statement stays far below the server's
    /// `max_allowed_packet` (16 MiB by default) whatever the rows hold.
    private(set) var boundBytes = 0
    static let maximumBoundBytes = 4 << 20

    init(capacity: Int) { rows.reserveCapacity(capacity) }

    mutating func append(_ row: ParsedRow) {
        rows.append(row)
        boundBytes += row.boundBytes
        if let period = row.firstOfPeriod { newPeriods.append(period) }
    }

    func isFull(rows limit: Int) -> Bool { rows.count >= limit || boundBytes >= RowBatch.maximumBoundBytes }
}

/// A queue of at most `capacity` batches between one reader and one writer: the reader waits when
/// the writer is behind, so memory stays flat whatever the file's size.
///
/// Either side may stop first and neither is left waiting: the reader `finish`es (the file ended or
/// broke), the writer `close`s (the database failed) and every waiting call returns at once. One
/// lock and one condition hold all of it, so there is no count to get out of step.
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var batches: [RowBatch] = []
    private var finished = false
    private var closed = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Reader: adds a batch once there is room. Returns false when the writer has closed the
    /// queue (it failed): the reader should stop.
    func put(_ batch: RowBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Reader: there will be no more batches.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Writer: the next batch; `nil` once the reader has finished and every batch was taken, or
    /// after `close`.
    func take() -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished && !closed { condition.wait() }
        guard !closed, !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Writer: takes no more; a reader waiting for room wakes up and gives up. Safe to call more
    /// than once, and after the reader finished.
    func close() {
        condition.lock()
        closed = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// The reading half of an import, on a thread of its own: inflating, hashing, parsing and checking
/// the file while the importer's thread writes the previous batch, so the file's CPU work and the
/// database's work on the rows overlap instead of taking turns.
///
/// `@unchecked Sendable`: from `start` until the thread ends, only the reader thread touches the
/// CSV reader, the state and the byte stream; the importer reads them after `join`.
final class RowReader: @unchecked Sendable {
    private var csv: CSVReader
    private(set) var state: ImportState
    let stream: ByteStream
    let batchSize: Int
    /// Why reading stopped early (the upload broke off, a gzip stream is corrupt), if it did.
    private(set) var failure: (any Error)?
    private let done = NSCondition()
    private var ended = false
    /// Set by `start`, on the importer's thread, which is also the only caller of `join`.
    private var started = false

    init(csv: CSVReader, state: ImportState, stream: ByteStream, batchSize: Int) {
        self.csv = csv
        self.state = state
        self.stream = stream
        self.batchSize = batchSize
    }

    /// Starts reading on a new thread, into `queue`, rows marked as written by import `importId`.
    func start(into queue: BatchQueue, importId: Int64) {
        state.importId = importId
        started = true
        let thread = Thread { [self] in
            read(into: queue)
            done.lock()
            ended = true
            done.broadcast()
            done.unlock()
        }
        thread.name = "budgetd-import-reader"
        thread.start()
    }

    /// Waits until the reader thread has ended; safe to call more than once.
    func join() {
        guard started else { return }
        done.lock()
        while !ended { done.wait() }
        done.unlock()
    }

    /// Every row, checked, in batches; at the first problem it stops handing rows on but goes on
    /// checking, up to `CostImporter.maximumProblems`.
    private func read(into queue: BatchQueue) {
        defer { queue.finish() }
        var batch = RowBatch(capacity: batchSize)
        var records = 0
        do {
            while try csv.next() {
                guard state.problems.count < CostImporter.maximumProblems else { break }
                records += 1
                // The writer gave up (the database failed): whatever is left is not wanted.
                if records % 1024 == 0, queue.isClosed { return }
                guard let row = state.parse(csv), state.problems.isEmpty else { continue }
                batch.append(row)
                if batch.isFull(rows: batchSize) {
                    batch.rawBytes = stream.rawBytes
                    guard queue.put(batch) else { return }
                    batch = RowBatch(capacity: batchSize)
                }
            }
        } catch let error as CSVError {
            state.problems.append(.init(line: error.line, column: nil, problem: error.message))
        } catch {
            failure = error
            return
        }
        if state.problems.isEmpty, !batch.rows.isEmpty {
            batch.rawBytes = stream.rawBytes
            _ = queue.put(batch)
        }
    }
}
