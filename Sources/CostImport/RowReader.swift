import BudgetCore
import CSVStream
import Dispatch
import Foundation
import MariaDB
import Synchronization

/// Rows on their way from the thread that reads a file to the one that writes them.
struct RowBatch: Sendable {
    private(set) var rows: [ParsedRow] = []
    /// Billing periods a row of this batch was the first to name: their earlier line items are
    /// deleted before the batch is written.
    private(set) var newPeriods: [LocalDate] = []
    /// Raw bytes of the file read when the batch was full, for progress.
    var rawBytes = 0

    init(capacity: Int) { rows.reserveCapacity(capacity) }

    mutating func append(_ row: ParsedRow) {
        rows.append(row)
        if let period = row.firstOfPeriod { newPeriods.append(period) }
    }
}

/// A queue of at most `capacity` batches between one reader and one writer: the reader waits when
/// the writer is behind, so memory stays flat whatever the file's size.
final class BatchQueue: Sendable {
    private struct Contents {
        var batches: [RowBatch] = []
        var closed = false
    }

    private let room: DispatchSemaphore
    private let ready = DispatchSemaphore(value: 0)
    private let contents = Mutex(Contents())

    init(capacity: Int) { room = DispatchSemaphore(value: capacity) }

    /// Reader: adds a batch once there is room. Returns false when the writer has closed the
    /// queue (it failed): the reader should stop.
    func put(_ batch: RowBatch) -> Bool {
        room.wait()
        let accepted = contents.withLock { contents -> Bool in
            guard !contents.closed else { return false }
            contents.batches.append(batch)
            return true
        }
        if accepted { ready.signal() }
        return accepted
    }

    /// Reader: there will be no more batches.
    func finish() { ready.signal() }

    /// Writer: the next batch; `nil` once the reader has finished and every batch was taken.
    func take() -> RowBatch? {
        ready.wait()
        let batch = contents.withLock { $0.batches.isEmpty ? nil : $0.batches.removeFirst() }
        if batch != nil { room.signal() }
        return batch
    }

    /// Writer: takes no more; a reader waiting for room wakes up and gives up.
    func close() {
        contents.withLock { $0.closed = true }
        room.signal()
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
    private let done = DispatchSemaphore(value: 0)

    init(csv: CSVReader, state: ImportState, stream: ByteStream, batchSize: Int) {
        self.csv = csv
        self.state = state
        self.stream = stream
        self.batchSize = batchSize
    }

    /// Starts reading on a new thread, into `queue`.
    func start(into queue: BatchQueue) {
        let thread = Thread { [self] in
            read(into: queue)
            done.signal()
        }
        thread.name = "budgetd-import-reader"
        thread.start()
    }

    /// Waits until the reader thread has ended; safe to call more than once.
    func join() {
        done.wait()
        done.signal()
    }

    /// Every row, checked, in batches; at the first problem it stops handing rows on but goes on
    /// checking, up to `CostImporter.maximumProblems`.
    private func read(into queue: BatchQueue) {
        defer { queue.finish() }
        var batch = RowBatch(capacity: batchSize)
        do {
            while try csv.next() {
                guard state.problems.count < CostImporter.maximumProblems else { break }
                guard let row = state.parse(csv), state.problems.isEmpty else { continue }
                batch.append(row)
                if batch.rows.count == batchSize {
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
