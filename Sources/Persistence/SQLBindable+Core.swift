public import Kernel
public import Foundation
public import MariaDB

extension UUID: SQLBindable {
    /// Bound as text; MariaDB's UUID type parses it.
    public var sqlValue: SQLValue { .text(lowercasedString) }
}

extension LocalDate: SQLBindable {
    public var sqlValue: SQLValue { .text(iso) }
}
