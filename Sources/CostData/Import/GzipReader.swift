import CZlib

/// Inflates gzip data pulled from `source`, member after member (concatenated gzip files are one
/// file), with zlib from Debian. https://zlib.net/manual.html documents the calls used.
final class GzipReader {
    private let source: (UnsafeMutableRawBufferPointer) throws -> Int
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    /// True between the end of one member and the start of the next.
    private var betweenMembers = false
    private var finished = false

    init(source: @escaping (UnsafeMutableRawBufferPointer) throws -> Int, chunkSize: Int = 256 * 1024) throws {
        self.source = source
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw ImportError.file("the gzip decoder could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `buffer` with inflated bytes.
    /// - Returns: the number of bytes; 0 at the end of the data.
    /// - Throws: `ImportError` for corrupt or truncated data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = out.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 {
                let n = try source(input)
                if n == 0 {
                    guard betweenMembers else { throw ImportError.file("the gzip data ends early (a truncated file?)") }
                    finished = true
                    break
                }
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_in = UInt32(n)
            }
            if betweenMembers {
                inflateReset(stream)
                betweenMembers = false
            }
            let rc = inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_OK, Z_BUF_ERROR: continue
            case Z_STREAM_END: betweenMembers = true
            default: throw ImportError.file("the file is not valid gzip data (zlib error \(rc))")
            }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }
}
