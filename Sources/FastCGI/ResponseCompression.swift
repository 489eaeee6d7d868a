import CZlib
import HTTPKit

/// Compresses the answers nginx will not. nginx's gzip filter only compresses statuses 200, 403 and
/// 404, so a form shown again with its errors (400, 409, 412) or an error page went out whole
/// (24–27 KB of HTML). The worker gzips those itself, with nginx's own rules (`budgetd.site.conf`):
/// the same types, from the same 512 bytes, only for clients that accept gzip. nginx passes an
/// answer that is already encoded through unchanged.
enum ResponseCompression {
    /// nginx's `gzip_min_length`.
    static let minimumLength = 512
    /// nginx's `gzip_comp_level`.
    static let level: Int32 = 5
    /// nginx's `gzip_types`, with `text/html` which it always compresses.
    static let types: Set<String> = ["text/html", "text/css", "application/json", "application/javascript", "image/svg+xml", "text/plain"]

    /// - Parameter acceptEncoding: the request's header, read only for an answer nginx leaves whole
    ///   (most answers are 200s, and `/livez` should not pay for a look through the parameters).
    static func apply(_ response: inout Response, acceptEncoding: @autoclosure () -> String?) {
        let code = response.status.code
        guard code != 200, code != 403, code != 404, response.body.count >= minimumLength,
              response.header("Content-Encoding") == nil, let type = response.header("Content-Type"),
              types.contains(mediaType(type)), accepts(acceptEncoding()), let compressed = gzip(response.body)
        else { return }
        response.body = compressed
        response.setHeader("Content-Encoding", "gzip")
        response.addHeader("Vary", "Accept-Encoding")
    }

    /// `text/html; charset=utf-8` → `text/html`.
    static func mediaType(_ contentType: String) -> String {
        trimmed(contentType.prefix { $0 != ";" }).lowercased()
    }

    /// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
    static func accepts(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { trimmed($0).lowercased() }
            guard let coding = pieces.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { continue }
            let refused = pieces.dropFirst().contains { $0.hasPrefix("q=") && Double($0.dropFirst(2)) == 0 }
            if !refused { return true }
        }
        return false
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The gzip file of `bytes`, in one call; `nil` if zlib fails (the answer then goes out whole).
    static func gzip(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_deflate_init_gzip(&stream, level) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
        let written: Int? = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END ? out.count - Int(stream.avail_out) : nil
            }
        }
        guard let written else { return nil }
        output.removeSubrange(written...)
        return output
    }
}
