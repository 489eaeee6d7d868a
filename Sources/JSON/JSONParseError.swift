/// Why a document is not JSON, and where: clients fix a request body from this message.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// 1-based line and column (in bytes) of the offending character.
    public let line: Int
    public let column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column): \(message)" }

    /// The document nests deeper than the parser was allowed to go.
    public var isTooDeep: Bool { message.hasPrefix(JSONParseError.tooDeepPrefix) }
    static let tooDeepPrefix = "nesting deeper than"
}
