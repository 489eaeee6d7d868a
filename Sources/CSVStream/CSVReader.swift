/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (a doubled
/// quote inside is a quote; commas and line breaks inside are data), records ending in LF or CRLF.
///
/// Memory stays flat whatever the file size: bytes are pulled in chunks through `read`, and each
/// record's fields are copied into one reused buffer. It also remembers whether a field was quoted,
/// so an unquoted `NULL` (as billing exports write an empty value) differs from the text "NULL".
public struct CSVReader {
    public typealias Read = (UnsafeMutableRawBufferPointer) throws -> Int

    private let read: Read
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var line = 1
    private var atFileStart = true
    /// Records longer than this are refused (a missing closing quote swallowing the file).
    private let maximumRecordBytes: Int

    /// The current record's fields, unescaped, back to back.
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var bounds: [(start: Int, end: Int, quoted: Bool)] = []

    /// 1-based physical line where the current record starts.
    public private(set) var recordLine = 0
    /// Bytes handed over by `read` so far (for progress reports).
    public private(set) var bytesRead = 0

    public init(chunkSize: Int = 256 * 1024, maximumRecordBytes: Int = 16 << 20, read: @escaping Read) {
        self.read = read
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
        self.maximumRecordBytes = maximumRecordBytes
        storage.reserveCapacity(4096)
        bounds.reserveCapacity(64)
    }

    @inlinable public var fieldCount: Int { bounds.count }

    /// Bytes of the current record's fields, unescaped.
    @inlinable public var recordBytes: Int { storage.count }

    /// Moves to the next record; blank lines are skipped.
    /// - Returns: false at the end of the input.
    public mutating func next() throws -> Bool {
        while true {
            if atFileStart {
                try fill(atLeast: 3)
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
                atFileStart = false
            }
            if start == end {
                if eof { return false }
                try fill(atLeast: 1)
                continue
            }
            if try parseRecord() {
                if bounds.count == 1, bounds[0].start == bounds[0].end, !bounds[0].quoted { continue }  // blank line
                return true
            }
        }
    }

    /// Field `index` as bytes (valid until the next call to `next()`).
    @inlinable
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let b = bounds[index]
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[b.start..<b.end])) }
    }

    @inlinable public func isQuoted(_ index: Int) -> Bool { bounds[index].quoted }

    @inlinable public func isEmpty(_ index: Int) -> Bool { bounds[index].start == bounds[index].end }

    /// Field `index` as text; `nil` when it is not valid UTF-8.
    @inlinable
    public func string(_ index: Int) -> String? {
        let b = bounds[index]
        return String(validating: storage[b.start..<b.end], as: UTF8.self)
    }

    /// Parses one record from `buffer[start..<end]`; when it runs out of bytes before the record
    /// ends, it pulls more and starts the record again (records are small next to the chunk size).
    private mutating func parseRecord() throws -> Bool {
        storage.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        var i = start
        var newlines = 0
        recordLine = line
        fieldLoop: while true {
            let fieldStart = storage.count
            if i < end, buffer[i] == UInt8(ascii: "\"") {
                // Quoted field.
                i += 1
                while true {
                    guard i < end else { return try needMore(from: i, unterminatedQuote: true) }
                    let b = buffer[i]
                    if b == UInt8(ascii: "\"") {
                        guard i + 1 < end || eof else { return try needMore(from: i, unterminatedQuote: true) }
                        if i + 1 < end, buffer[i + 1] == UInt8(ascii: "\"") {
                            storage.append(UInt8(ascii: "\""))
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if b == 0x0A { newlines += 1 }
                    storage.append(b)
                    i += 1
                }
                bounds.append((fieldStart, storage.count, true))
                guard i < end || eof else { return try needMore(from: i, unterminatedQuote: false) }
                if i == end { break fieldLoop }
                switch buffer[i] {
                case UInt8(ascii: ","): i += 1; continue fieldLoop
                case 0x0A: i += 1; newlines += 1; break fieldLoop
                case 0x0D:
                    guard i + 1 < end || eof else { return try needMore(from: i, unterminatedQuote: false) }
                    if i + 1 < end, buffer[i + 1] == 0x0A { i += 2; newlines += 1; break fieldLoop }
                    throw CSVError(line: line + newlines, message: "a carriage return must be followed by a line feed")
                default:
                    throw CSVError(line: line + newlines, message: "unexpected character after a closing quote (field \(bounds.count))")
                }
            } else {
                // Unquoted field: up to the next comma or line end.
                var j = i
                while j < end {
                    let b = buffer[j]
                    if b == UInt8(ascii: ",") || b == 0x0A || b == 0x0D { break }
                    if b == UInt8(ascii: "\"") {
                        throw CSVError(line: line + newlines,
                                       message: "a quote inside an unquoted field (field \(bounds.count + 1)); quote the whole field")
                    }
                    j += 1
                }
                guard j < end || eof else { return try needMore(from: j, unterminatedQuote: false) }
                storage.append(contentsOf: buffer[i..<j])
                bounds.append((fieldStart, storage.count, false))
                i = j
                if i == end { break fieldLoop }
                switch buffer[i] {
                case UInt8(ascii: ","): i += 1; continue fieldLoop
                case 0x0A: i += 1; newlines += 1; break fieldLoop
                default:
                    guard i + 1 < end || eof else { return try needMore(from: i, unterminatedQuote: false) }
                    if i + 1 < end, buffer[i + 1] == 0x0A { i += 2; newlines += 1; break fieldLoop }
                    throw CSVError(line: line + newlines, message: "a carriage return must be followed by a line feed")
                }
            }
        }
        start = i
        line += newlines
        return true
    }

    /// Not enough bytes for the record: pull more (keeping the record's start) and have it parsed again.
    private mutating func needMore(from position: Int, unterminatedQuote: Bool) throws -> Bool {
        if eof {
            throw CSVError(line: line, message: unterminatedQuote ? "a quoted field is never closed" : "the file ends inside a record")
        }
        if end - start >= maximumRecordBytes {
            throw CSVError(line: line, message: "a record longer than \(maximumRecordBytes) bytes (an unclosed quote?)")
        }
        try fill(atLeast: end - start + 1)
        return false
    }

    /// Makes at least `count` bytes available from `start` (fewer at the end of the input).
    private mutating func fill(atLeast count: Int) throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    b.baseAddress!.update(from: b.baseAddress! + start, count: remaining)
                }
            }
            start = 0
            end = remaining
        }
        while end - start < count, !eof {
            if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let n = try buffer.withUnsafeMutableBytes { raw in
                try read(UnsafeMutableRawBufferPointer(rebasing: raw[end...]))
            }
            if n == 0 { eof = true } else {
                end += n
                bytesRead += n
            }
        }
    }
}
