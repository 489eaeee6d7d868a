import HTTPKit
import CFastCGI

/// The request body as libfcgi delivers it (FCGI_STDIN records), read on demand.
final class FastCGIBodySource: BodySource {
    private let stream: UnsafeMutablePointer<FCGX_Stream>?

    init(stream: UnsafeMutablePointer<FCGX_Stream>?) { self.stream = stream }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let stream, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = FCGX_GetStr(base.assumingMemoryBound(to: CChar.self), Int32(min(buffer.count, Int(Int32.max))), stream)
        if n < 0 { throw BodyReadError() }
        return Int(n)
    }
}

/// The web server closed the stream before the whole body arrived.
struct BodyReadError: Error, CustomStringConvertible {
    var description: String { "the request body ended early" }
}
