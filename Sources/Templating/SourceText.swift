/// The bytes of one template together with the name errors should report.
struct SourceText {
    /// Reported as `TemplateError.file`.
    var file: String
    /// UTF-8, exactly as read.
    var bytes: [UInt8]

    /// An error located at a byte offset, converted to a 1-based line and a character column.
    func error(at offset: Int, _ message: String) -> TemplateError {
        let (line, column) = location(of: offset)
        return TemplateError(file: file, line: line, column: column, message: message)
    }

    /// Line and column of a byte offset. Only errors need this, so it is computed on demand.
    func location(of offset: Int) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == ASCII.newline {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        return (line, prefix.count + 1)
    }

    /// The text of a byte range, for tag names and messages.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Byte values the scanner compares against.
enum ASCII {
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let period: UInt8 = 0x2E
    static let asterisk: UInt8 = 0x2A

    /// Whitespace that may surround a standalone tag or pad a tag's content.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Whitespace inside a tag, where line breaks are allowed too.
    static func isTagSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
}
