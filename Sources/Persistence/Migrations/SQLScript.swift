/// Splits a migration file into statements, so each can be prepared on its own.
///
/// Semicolons inside quotes, backticks and comments do not split; each statement remembers the
/// line it starts on, so an error can point into the file.
enum SQLScript {
    struct Statement: Equatable {
        let sql: String
        let line: Int
    }

    static func statements(in text: String) -> [Statement] {
        var result: [Statement] = []
        var current: [UInt8] = []
        var line = 1
        var startLine: Int?
        let bytes = Array(text.utf8)
        var i = 0

        func flush() {
            let sql = String(decoding: current, as: UTF8.self).trimmingWhitespace()
            if !sql.isEmpty, let startLine { result.append(Statement(sql: sql, line: startLine)) }
            current.removeAll(keepingCapacity: true)
            startLine = nil
        }

        while i < bytes.count {
            let b = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            if (b == UInt8(ascii: "-") && next == UInt8(ascii: "-")) || b == UInt8(ascii: "#") {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }  // line comment: dropped
                continue
            }
            if b == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) {
                    if bytes[i] == 0x0A { line += 1 }
                    i += 1
                }
                i += 2
                continue
            }
            if b == 0x0A { line += 1 }
            if b == UInt8(ascii: ";") {
                flush()
                i += 1
                continue
            }
            if startLine == nil, !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) { startLine = line }
            current.append(b)
            i += 1
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") {
                // Copy the quoted text verbatim; a backslash escapes the next byte, a doubled quote is a quote.
                while i < bytes.count {
                    let c = bytes[i]
                    current.append(c)
                    i += 1
                    if c == 0x0A { line += 1 }
                    if c == UInt8(ascii: "\\"), b != UInt8(ascii: "`"), i < bytes.count {
                        current.append(bytes[i])
                        i += 1
                    } else if c == b {
                        if i < bytes.count, bytes[i] == b {
                            current.append(b)
                            i += 1
                        } else {
                            break
                        }
                    }
                }
            }
        }
        flush()
        return result
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
