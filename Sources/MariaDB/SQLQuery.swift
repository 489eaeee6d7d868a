/// SQL text plus the values bound to its placeholders.
///
/// String interpolation turns every `\(value)` into a `?` and a bound value, so the easy way to write
/// a query is also the safe one: values never become SQL text.
///
///     let q: SQLQuery = "SELECT name FROM t_budgets WHERE id = \(id) AND organization_id = \(org)"
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var sql: String
    public private(set) var binds: [SQLValue]

    public init(sql: String, binds: [SQLValue] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        sql = value
        binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
    }

    /// The SQL with placeholders; never the values.
    public var description: String { sql }

    public static func + (lhs: SQLQuery, rhs: SQLQuery) -> SQLQuery {
        SQLQuery(sql: lhs.sql + rhs.sql, binds: lhs.binds + rhs.binds)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A bound value: becomes `?`.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            sql += "?"
            binds.append(value.sqlValue)
        }

        /// An optional value: `nil` binds SQL NULL.
        public mutating func appendInterpolation<T: SQLBindable>(_ value: T?) {
            sql += "?"
            binds.append(value?.sqlValue ?? .null)
        }

        /// A list of bound values for `IN (...)`: becomes `?, ?, ?` (or `NULL` when empty, which matches nothing).
        public mutating func appendInterpolation(list values: [some SQLBindable]) {
            if values.isEmpty {
                sql += "NULL"
                return
            }
            sql += Array(repeating: "?", count: values.count).joined(separator: ", ")
            binds.append(contentsOf: values.map(\.sqlValue))
        }

        /// A fragment written by the program (never by a client), with its own binds.
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            sql += fragment.sql
            binds.append(contentsOf: fragment.binds)
        }
    }
}
