@testable import CostData
import Foundation
import Testing

/// The hand-over between the import's reader thread and its writer: whichever side stops first,
/// the other is never left waiting, and nothing is signalled twice.
@Suite("Batch queue")
struct BatchQueueTests {
    @Test("a writer that gives up wakes a reader waiting for room, and the queue goes away cleanly")
    func writerFailsFirst() {
        for _ in 0..<200 {
            let queue = BatchQueue(capacity: 2)
            let refused = NSCondition()
            nonisolated(unsafe) var stopped = false
            let reader = Thread {
                var accepted = 0
                while queue.put(RowBatch(capacity: 1)) { accepted += 1 }
                refused.lock()
                stopped = true
                refused.broadcast()
                refused.unlock()
            }
            reader.start()
            _ = queue.take()
            queue.close()
            queue.close()
            refused.lock()
            while !stopped { refused.wait() }
            refused.unlock()
            #expect(queue.take() == nil)
        }
    }

    @Test("a reader that finishes hands over what it queued, then nil, to a waiting writer")
    func readerFinishesFirst() {
        let queue = BatchQueue(capacity: 3)
        #expect(queue.put(RowBatch(capacity: 1)))
        #expect(queue.put(RowBatch(capacity: 1)))
        queue.finish()
        #expect(queue.take() != nil)
        #expect(queue.take() != nil)
        #expect(queue.take() == nil)
        queue.close()
        #expect(!queue.put(RowBatch(capacity: 1)))
    }
}
