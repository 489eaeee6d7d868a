import CSVStream
import Testing

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsQuoting() {
        var writer = CSVWriter(guardsFormulas: false)
        writer.append(["plain", "a,b", "say \"hi\"", "two\nlines", .empty, .number("12.50")])
        #expect(writer.output == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,12.50\r\n")
    }

    @Test func guardsTextThatASpreadsheetWouldEvaluate() {
        var writer = CSVWriter(guardsFormulas: true, lineEnding: "\n")
        writer.append(["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "safe", "a=b"])
        #expect(writer.output == "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,\"'\rx\",safe,a=b\n")
    }

    @Test func neverGuardsNumbers() {
        var writer = CSVWriter(guardsFormulas: true, lineEnding: "\n")
        writer.append([.number("-12.50"), .text("-12.50")])
        #expect(writer.output == "-12.50,'-12.50\n")
    }

    @Test func roundTripsThroughTheReader() throws {
        var writer = CSVWriter(guardsFormulas: false)
        let fields = ["a,b", "\"q\"", "line\r\nbreak", "", "ünïcode"]
        writer.append(texts: fields)
        var bytes = Array(writer.output.utf8)[...]
        var reader = CSVReader { buffer in
            let n = min(buffer.count, bytes.count)
            for (i, byte) in bytes.prefix(n).enumerated() { buffer[i] = byte }
            bytes = bytes.dropFirst(n)
            return n
        }
        #expect(try reader.next())
        #expect((0..<reader.fieldCount).map { reader.string($0) ?? "" } == fields)
        #expect(try !reader.next())
    }
}
