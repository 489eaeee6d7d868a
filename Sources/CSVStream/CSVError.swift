/// Why a CSV file cannot be read, and where.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line where the problem is.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
