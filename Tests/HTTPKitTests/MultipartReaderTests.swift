import HTTPKit
import Testing

/// Upload bodies read part by part, whatever sizes the body arrives in.
@Suite("Multipart reader")
struct MultipartReaderTests {
    /// A body handed over `step` bytes at a time, so delimiters straddle reads.
    final class Trickle: BodySource {
        let bytes: [UInt8]
        let step: Int
        var offset = 0
        init(_ text: String, step: Int) {
            bytes = Array(text.utf8)
            self.step = step
        }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(step, buffer.count, bytes.count - offset)
            for i in 0..<n { buffer[i] = bytes[offset + i] }
            offset += n
            return n
        }
    }

    static let boundary = "----budgetd7"
    static let body = [
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken-1\r\n",
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"costs.csv\"\r\nContent-Type: text/csv\r\n\r\n",
        // Content with a delimiter's beginnings that is not one (RFC 2046: the whole delimiter never occurs in content).
        "a,b\r\n--\(boundary.dropLast())\r\nx--\(boundary)\r\n1,2\r\n-",
        "\r\n--\(boundary)--\r\n",
    ].joined()

    func parts(step: Int) throws -> [(name: String, fileName: String?, content: String)] {
        let reader = try MultipartReader(contentType: "multipart/form-data; boundary=\"\(Self.boundary)\"", source: Trickle(Self.body, step: step))
        var parts: [(String, String?, String)] = []
        while let part = try reader.nextPart() { parts.append((part.name, part.fileName, try reader.readText(limit: 1 << 20))) }
        return parts
    }

    @Test("every part arrives whole, whatever the read size", arguments: [1, 2, 7, 64, 65_536])
    func readSizes(step: Int) throws {
        let parts = try parts(step: step)
        #expect(parts.map(\.name) == ["csrf", "file"])
        #expect(parts[1].fileName == "costs.csv")
        #expect(parts[0].content == "token-1")
        #expect(parts[1].content == "a,b\r\n--\(Self.boundary.dropLast())\r\nx--\(Self.boundary)\r\n1,2\r\n-")
    }

    @Test("a body without the closing delimiter is an error, not a hang")
    func truncated() throws {
        let cut = String(Self.body.prefix(Self.body.count - 30))
        let reader = try MultipartReader(contentType: "multipart/form-data; boundary=\(Self.boundary)", source: Trickle(cut, step: 5))
        #expect(throws: HTTPError.self) {
            while try reader.nextPart() != nil { _ = try reader.readText(limit: 1 << 20) }
        }
    }

    @Test("a content type without a boundary is a 415")
    func noBoundary() {
        let error = #expect(throws: HTTPError.self) { try MultipartReader(contentType: "multipart/form-data", source: Trickle("", step: 1)) }
        #expect(error?.status == .unsupportedMediaType)
    }
}
