/// Reads a `multipart/form-data` body part by part, streaming each part's content, so a large
/// uploaded file never sits in memory.
public final class MultipartReader {
    public struct Part {
        public let name: String
        public let fileName: String?
    }

    private let source: any BodySource
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var eof = false
    private var inPart = false
    private var finished = false

    /// - Parameter contentType: the request's `Content-Type`, which names the boundary.
    public init(contentType: String, source: any BodySource) throws(HTTPError) {
        guard let boundary = MultipartReader.boundary(in: contentType) else {
            throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type", "The upload must be multipart/form-data with a boundary.")
        }
        self.source = source
        delimiter = Array("\r\n--\(boundary)".utf8)
        buffer = Array("\r\n".utf8)  // the first delimiter has no line break before it
    }

    static func boundary(in contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { String($0).trimmingSpaces() }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// Moves to the next part, skipping what is left of the current one.
    /// - Returns: `nil` after the last part.
    public func nextPart() throws -> Part? {
        if inPart {
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
            defer { scratch.deallocate() }
            while try read(into: scratch) > 0 {}
        }
        guard !finished else { return nil }
        // Find the delimiter, then either "--" (the end) or CRLF and the part's headers.
        guard let start = try find(delimiter) else { throw MultipartReader.malformed("no boundary") }
        buffer.removeFirst(start + delimiter.count)
        try fill(2)
        if buffer.starts(with: Array("--".utf8)) {
            finished = true
            return nil
        }
        guard let headersEnd = try find(Array("\r\n\r\n".utf8), limit: 16 * 1024) else { throw MultipartReader.malformed("part headers never end") }
        let headers = String(decoding: buffer[..<headersEnd], as: UTF8.self)
        buffer.removeFirst(headersEnd + 4)
        inPart = true
        var name = ""
        var fileName: String?
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for attribute in line.split(separator: ";").dropFirst().map({ String($0).trimmingSpaces() }) {
                let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { continue }
                let value = pieces[1].hasPrefix("\"") && pieces[1].hasSuffix("\"") && pieces[1].count >= 2
                    ? String(pieces[1].dropFirst().dropLast()) : pieces[1]
                if pieces[0].lowercased() == "name" { name = value }
                if pieces[0].lowercased() == "filename" { fileName = value }
            }
        }
        return Part(name: name, fileName: fileName)
    }

    /// The current part's content. - Returns: 0 at the end of the part.
    public func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        guard inPart else { return 0 }
        try fill(delimiter.count + 1)
        if let end = firstIndex(of: delimiter), end == 0 {
            inPart = false
            return 0
        }
        // Everything before a possible delimiter start is content.
        let limit = firstIndex(of: delimiter) ?? max(0, buffer.count - delimiter.count + 1)
        if limit == 0 {
            guard !eof else { throw MultipartReader.malformed("the body ends inside a part") }
            try fill(buffer.count + 1)
            return try read(into: target)
        }
        let n = min(limit, target.count)
        buffer.withUnsafeBytes { target.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
        buffer.removeFirst(n)
        return n
    }

    /// The current part's content as text, up to `limit` bytes (form fields).
    public func readText(limit: Int = 4096) throws -> String {
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: chunk)
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw MultipartReader.malformed("a form field is too long") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func firstIndex(of pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        var i = 0
        while i <= buffer.count - pattern.count {
            if buffer[i] == pattern[0], buffer[i..<i + pattern.count].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    private func find(_ pattern: [UInt8], limit: Int = 1 << 20) throws -> Int? {
        while true {
            if let i = firstIndex(of: pattern) { return i }
            if eof || buffer.count > limit { return nil }
            try fill(buffer.count + 1)
        }
    }

    private func fill(_ count: Int) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        while buffer.count < count, !eof {
            let n = try source.read(into: chunk)
            if n == 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }

    static func malformed(_ detail: String) -> HTTPError {
        HTTPError(.badRequest, code: "malformed_request", "The upload is malformed: \(detail).")
    }
}
