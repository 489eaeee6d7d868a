import CZlib
@testable import FastCGI
import HTTPKit
import Testing

/// What the worker compresses itself: the answers nginx's gzip filter leaves whole.
@Suite("Response compression")
struct ResponseCompressionTests {
    let page = Array(String(repeating: "<p>Amount: must be a number, such as 1234.56</p>\n", count: 40).utf8)

    func response(_ status: HTTPStatus, type: String = "text/html; charset=utf-8", body: [UInt8]? = nil) -> Response {
        Response(status: status, headers: [("Content-Type", type)], body: body ?? page)
    }

    @Test("a form shown again with its errors is gzipped, and inflates to the same bytes")
    func formErrorsAreCompressed() throws {
        var r = response(.badRequest)
        ResponseCompression.apply(&r, acceptEncoding: "gzip, deflate, br")
        #expect(r.header("Content-Encoding") == "gzip")
        #expect(r.header("Vary") == "Accept-Encoding")
        #expect(r.body.count < page.count / 5)
        #expect(try inflate(r.body) == page)
    }

    @Test("nginx's own cases, small bodies, other types and clients without gzip are left alone")
    func leftAlone() {
        let cases: [(Response, String?)] = [
            (response(.ok), "gzip"), (response(.notFound), "gzip"), (response(.forbidden), "gzip"),
            (response(.badRequest, body: Array("short".utf8)), "gzip"),
            (response(.badRequest, type: "text/csv"), "gzip"), (response(.badRequest, type: "application/gzip"), "gzip"),
            (response(.badRequest), nil), (response(.badRequest), "br"), (response(.badRequest), "gzip;q=0"),
            (response(.badRequest), "gzip; q=0.000"),
        ]
        for (original, header) in cases {
            var r = original
            ResponseCompression.apply(&r, acceptEncoding: header)
            #expect(r.header("Content-Encoding") == nil && r.body == original.body, "\(original.status.code) \(header ?? "none")")
        }
        var json = response(.conflict, type: "application/json")
        ResponseCompression.apply(&json, acceptEncoding: "deflate, *;q=0.5")
        #expect(json.header("Content-Encoding") == "gzip")
    }

    private func inflate(_ gzip: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        #expect(czlib_inflate_init_gzip(&stream) == Z_OK)
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: 1 << 20)
        var input = gzip
        let count = input.withUnsafeMutableBufferPointer { inBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH) == Z_STREAM_END ? outBuffer.count - Int(stream.avail_out) : -1
            }
        }
        #expect(count >= 0)
        return Array(out.prefix(max(count, 0)))
    }
}
