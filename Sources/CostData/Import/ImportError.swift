public import Kernel

/// Why a cost file was refused. Nothing was written.
public enum ImportError: Error, Sendable, CustomStringConvertible {
    /// The file as a whole cannot be read (not CSV, not gzip, no FOCUS header, no rows).
    case file(String)
    /// Rows that break the rules, the first ones only: `line N, column NAME: problem`.
    case rows([RowProblem])

    public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: String?
        public let problem: String
        public var location: String { column.map { "line \(line), column \($0)" } ?? "line \(line)" }
        public var description: String { "\(location): \(problem)" }
    }

    public var description: String {
        switch self {
        case .file(let message): "The file was not imported: \(message)."
        case .rows(let problems): "The file was not imported; the first problems: " + problems.map(\.description).joined(separator: "; ")
        }
    }

    /// What the import record keeps of it.
    public var problems: [RowProblem] {
        switch self {
        case .file(let message): [RowProblem(line: 1, column: nil, problem: "the file was refused: \(message)")]
        case .rows(let problems): problems
        }
    }

    /// As a domain error, for the API (400 with each problem as a field error) and the pages.
    public var domainError: DomainError {
        switch self {
        case .file(let message):
            DomainError(.invalid, "The file was not imported: \(message).", fieldErrors: [FieldError("file", message)])
        case .rows(let problems):
            DomainError(.invalid, "The file was not imported: \(problems.count == 1 ? "a row breaks" : "rows break") the rules "
                        + "(first \(problems.count) shown). Nothing was changed.",
                        fieldErrors: problems.map { FieldError($0.location, $0.problem) })
        }
    }
}
