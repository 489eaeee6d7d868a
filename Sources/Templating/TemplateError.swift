/// A problem found while loading or rendering templates, located so an editor can jump to it.
///
/// The position is the opening delimiter of the offending tag; errors that have no position in a
/// template (an unreadable file, an unknown template name) point at line 1, column 1.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Template name (in-memory libraries) or file path (directory libraries), as given to the library.
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// 1-based column, counted in characters (grapheme clusters), not bytes.
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
