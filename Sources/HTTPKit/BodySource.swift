/// Where a request body comes from: the FastCGI stream in production, memory in tests.
///
/// Routes that stream (cost imports) read it piece by piece; every other route gets the whole
/// body in `Request.body`, read up to the configured limit.
public protocol BodySource: AnyObject {
    /// Reads up to `buffer.count` bytes.
    /// - Returns: the number of bytes read; 0 at the end of the body.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension BodySource {
    /// Reads and discards the rest of the body, so the connection stays in a clean state.
    public func drain() {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while let n = try? read(into: scratch), n > 0 {}
    }

    /// Reads the whole body, refusing more than `limit` bytes.
    /// - Returns: `nil` when the body is longer than `limit` (the rest is drained).
    public func readAll(limit: Int, expected: Int?) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(expected ?? 0, limit))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: chunk)
            if n == 0 { return bytes }
            if bytes.count + n > limit {
                drain()
                return nil
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}

/// A body held in memory, for tests and for requests built in-process.
public final class MemoryBodySource: BodySource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}
