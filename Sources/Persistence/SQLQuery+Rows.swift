public import MariaDB

extension SQLQuery {
    /// `INSERT INTO table (a, b) VALUES (?, ?), (?, ?)` for several rows in one statement; `INSERT IGNORE` with
    /// `ignoringDuplicates`, for rows another transaction may have written first.
    public static func insert(into table: String, columns: [String], rows: [[SQLValue]], ignoringDuplicates: Bool = false) -> SQLQuery {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = (ignoringDuplicates ? "INSERT IGNORE INTO " : "INSERT INTO ") + "\(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: placeholders, count: rows.count).joined(separator: ", ")
        return SQLQuery(sql: sql, binds: rows.flatMap { $0 })
    }
}
