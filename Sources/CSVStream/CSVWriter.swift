/// An RFC 4180 writer: fields joined by commas, records ended by CRLF (or LF), a field quoted when
/// it holds a comma, a quote or a line break, quotes inside doubled.
///
/// Files meant for spreadsheets guard against formula injection (OWASP's CSV injection advice): a
/// text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
/// Excel and LibreOffice show it instead of evaluating it. Numbers are written as numbers, never
/// guarded (a negative amount stays `-12.50`). Files meant for machines (a FOCUS file to import
/// again) turn the guard off.
public struct CSVWriter: Sendable {
    /// A cell: text (guarded when the writer guards) or a number's exact text.
    public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
        case text(String)
        case number(String)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
    }

    public let guardsFormulas: Bool
    public let lineEnding: String
    public private(set) var output = ""

    /// - Parameters:
    ///   - guardsFormulas: `true` for files people open in spreadsheets.
    ///   - lineEnding: `"\r\n"` as RFC 4180 says; `"\n"` where the consumer prefers it.
    public init(guardsFormulas: Bool, lineEnding: String = "\r\n") {
        self.guardsFormulas = guardsFormulas
        self.lineEnding = lineEnding
    }

    public mutating func append(_ cells: [Cell]) {
        var first = true
        for cell in cells {
            if !first { output += "," }
            first = false
            output += encode(cell)
        }
        output += lineEnding
    }

    /// Text cells, each guarded as `Cell.text`; `nil` is an empty cell.
    public mutating func append(texts: [String?]) {
        append(texts.map { $0.map(Cell.text) ?? .empty })
    }

    /// One cell as it appears in the file.
    public func encode(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .number(let text): return CSVWriter.quoted(text)
        case .text(let text):
            let guarded = guardsFormulas && CSVWriter.looksLikeFormula(text) ? "'" + text : text
            return CSVWriter.quoted(guarded)
        }
    }

    /// Whether a spreadsheet would read the text as a formula.
    public static func looksLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
    }

    /// Quoted when it holds a comma, a quote or a line break; quotes doubled.
    public static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }
}
