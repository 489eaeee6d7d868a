public import Foundation

/// One result row; values arrive as the server's text form and are parsed on access.
///
/// Text is exact for every type we use: `DECIMAL` keeps all its digits, `UUID` and `DATETIME` their
/// canonical forms.
public struct Row: Sendable {
    let columns: Columns
    public let values: [String?]

    /// Column names shared by all rows of one result.
    final class Columns: Sendable {
        let names: [String]
        let indexes: [String: Int]

        init(names: [String]) {
            self.names = names
            var indexes: [String: Int] = [:]
            for (i, name) in names.enumerated() where indexes[name] == nil { indexes[name] = i }
            self.indexes = indexes
        }
    }

    public var columnNames: [String] { columns.names }

    /// The value of column `name`; `nil` for SQL NULL. A name the query did not select is a
    /// programming error and traps in debug builds; in release it reads as NULL.
    public subscript(_ name: String) -> String? {
        guard let i = columns.indexes[name] else {
            assertionFailure("column \(name) not in result (\(columns.names))")
            return nil
        }
        return values[i]
    }

    public subscript(_ index: Int) -> String? { values[index] }

    public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }
    public func int64(_ name: String) -> Int64? { self[name].flatMap { Int64($0) } }
    public func bool(_ name: String) -> Bool? { self[name].map { $0 != "0" } }
    public func decimal(_ name: String) -> Decimal? { self[name].flatMap { Decimal(string: $0) } }
}
