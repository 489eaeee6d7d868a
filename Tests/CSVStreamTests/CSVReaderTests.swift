import CSVStream
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    /// Reads `text` in chunks of `chunk` bytes; each record as fields, `nil` for unquoted NULL-free
    /// detail, plus the line each record starts on.
    func read(_ text: String, chunk: Int = 64 * 1024) throws -> [(line: Int, fields: [String], quoted: [Bool])] {
        let bytes = Array(text.utf8)
        var offset = 0
        var csv = CSVReader(chunkSize: max(chunk, 1)) { buffer in
            let n = min(chunk, buffer.count, bytes.count - offset)
            guard n > 0 else { return 0 }
            buffer.copyBytes(from: bytes[offset..<offset + n])
            offset += n
            return n
        }
        var records: [(Int, [String], [Bool])] = []
        while try csv.next() {
            records.append((csv.recordLine, (0..<csv.fieldCount).map { csv.string($0) ?? "<invalid>" },
                            (0..<csv.fieldCount).map { csv.isQuoted($0) }))
        }
        return records
    }

    static let tricky = "\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",NULL\n\n\"é😀\",,\"\"\nlast,row,\"NULL\""

    @Test("quotes, doubled quotes, commas and line breaks inside fields, CRLF, BOM, UTF-8, blank lines", arguments: [1, 2, 3, 5, 7, 64, 65536])
    func tricky(chunk: Int) throws {
        let records = try read(Self.tricky, chunk: chunk)
        #expect(records.map(\.fields) == [
            ["a", "b,c", "say \"hi\""],
            ["1", "two\nlines", "NULL"],
            ["é😀", "", ""],
            ["last", "row", "NULL"],
        ])
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records[1].quoted == [false, true, false], "an unquoted NULL is told apart from the text")
        #expect(records[3].quoted == [false, false, true])
    }

    @Test("a file without a final line break ends its last record")
    func noFinalNewline() throws {
        #expect(try read("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try read("a,\"b\"").map(\.fields) == [["a", "b"]])
    }

    @Test(
        "malformed input is an error with its line",
        arguments: [
            ("a,b\n\"never closed,x\n", 2, "a quoted field is never closed"),
            ("a,b\nx,y\"z\n", 2, "a quote inside an unquoted field (field 2); quote the whole field"),
            ("a\n\"q\"x,y\n", 2, "unexpected character after a closing quote (field 1)"),
            ("a\rb\n", 1, "a carriage return must be followed by a line feed"),
        ])
    func malformed(input: String, line: Int, message: String) {
        for chunk in [1, 4, 1024] {
            #expect(throws: CSVError(line: line, message: message), "chunk \(chunk)") { _ = try read(input, chunk: chunk) }
        }
    }

    @Test("records longer than the chunk grow the buffer; memory is bounded by the longest record")
    func longRecord() throws {
        let long = String(repeating: "x", count: 100_000)
        #expect(try read("a,\"\(long)\"\nb,c\n", chunk: 1000).map(\.fields) == [["a", long], ["b", "c"]])
        let bytes = Array("\"".utf8) + Array(repeating: UInt8(ascii: "y"), count: 5000)
        var offset = 0
        var csv = CSVReader(chunkSize: 512, maximumRecordBytes: 2048) { buffer in
            let n = min(buffer.count, bytes.count - offset)
            buffer.copyBytes(from: bytes[offset..<offset + n])
            offset += n
            return n
        }
        #expect(throws: CSVError.self) { _ = try csv.next() }
    }

    @Test("invalid UTF-8 in a field reads as nil, so callers can say where")
    func invalidUTF8() throws {
        var offset = 0
        let bytes: [UInt8] = [0x61, 0x2C, 0xC3, 0x28, 0x0A]
        var csv = CSVReader { buffer in
            let n = min(buffer.count, bytes.count - offset)
            buffer.copyBytes(from: bytes[offset..<offset + n])
            offset += n
            return n
        }
        #expect(try csv.next())
        #expect(csv.string(0) == "a")
        #expect(csv.string(1) == nil)
    }
}
