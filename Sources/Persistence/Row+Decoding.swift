public import Kernel
public import Foundation
public import MariaDB

extension Row {
    /// A column that must hold a value of a given form; anything else means the schema and the code
    /// disagree, which is a bug to report, not to paper over.
    public func required<T>(_ name: String, _ parse: (String) -> T?) throws(StorageError) -> T {
        guard let text = self[name], let value = parse(text) else {
            throw StorageError.unexpectedValue(column: name, value: self[name])
        }
        return value
    }

    public func uuid(_ name: String) throws(StorageError) -> UUID { try required(name) { UUID(canonical: $0) } }
    public func optionalUUID(_ name: String) -> UUID? { self[name].flatMap { UUID(canonical: $0) } }
    public func timestamp(_ name: String) throws(StorageError) -> Date { try required(name, UTCTimestamp.parse) }
    public func localDate(_ name: String) throws(StorageError) -> LocalDate { try required(name) { LocalDate(iso: $0) } }
    public func money(_ name: String) throws(StorageError) -> Decimal { try required(name) { Decimal(databaseText: $0) } }
    public func text(_ name: String) throws(StorageError) -> String { try required(name) { $0 } }
    public func enumeration<T: RawRepresentable>(_ name: String, as: T.Type) throws(StorageError) -> T where T.RawValue == String {
        try required(name) { T(rawValue: $0) }
    }
}

/// The database holds something the code cannot read: a bug or a hand-edited row.
public enum StorageError: Error, CustomStringConvertible {
    case unexpectedValue(column: String, value: String?)

    public var description: String {
        switch self {
        case .unexpectedValue(let column, let value):
            "column \(column) holds an unexpected value: \(value.map { "\"\($0.prefix(80))\"" } ?? "NULL")"
        }
    }
}
