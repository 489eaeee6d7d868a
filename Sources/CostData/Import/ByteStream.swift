import Sodium

/// The raw bytes of an uploaded or opened file: counted and hashed (BLAKE2b-256, as
/// `b2sum -l 256` prints it) as they pass, and inflated first when they are gzip (recognised by
/// its magic number, whatever the file is called).
final class ByteStream {
    private let source: (UnsafeMutableRawBufferPointer) throws -> Int
    private let hasher = BLAKE2b()
    private var peeked: [UInt8] = []
    private var gzip: GzipReader?
    /// Raw (compressed) bytes read so far.
    private(set) var rawBytes = 0
    private(set) var isGzip = false

    init(source: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        self.source = source
        var head = [UInt8](repeating: 0, count: 2)
        var got = 0
        while got < 2 {
            let n = try head.withUnsafeMutableBytes { try source(UnsafeMutableRawBufferPointer(rebasing: $0[got...])) }
            if n == 0 { break }
            got += n
        }
        peeked = Array(head.prefix(got))
        rawBytes = got
        hasher.update(peeked)
        if got == 2, peeked[0] == 0x1F, peeked[1] == 0x8B {
            isGzip = true
            gzip = try GzipReader(source: { [unowned self] in try self.readRaw(into: $0) })
        }
    }

    /// Decoded bytes (CSV text).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let gzip { return try gzip.read(into: buffer) }
        return try readRaw(into: buffer)
    }

    /// BLAKE2b-256 of the raw bytes, in hex, once they have all been read.
    func checksum() -> String {
        Sodium.hex(hasher.finalize())
    }

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !peeked.isEmpty {
            let n = min(buffer.count, peeked.count)
            buffer.copyBytes(from: peeked.prefix(n))
            peeked.removeFirst(n)
            return n
        }
        let n = try source(buffer)
        if n > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            rawBytes += n
        }
        return n
    }
}
