import CMariaDB

/// A server-side prepared statement; owns its `MYSQL_STMT` and closes it in `deinit`.
///
/// See https://mariadb.com/kb/en/api-prepared-statement-functions/ for the C calls used here.
final class Statement {
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    private let sql: String
    private let parameterCount: Int

    init(connection: Connection, sql: String) throws(MariaDBError) {
        guard let handle = mysql_stmt_init(connection.handle) else {
            throw Connection.error(of: connection.handle, context: sql)
        }
        self.handle = handle
        self.sql = sql
        let utf8 = Array(sql.utf8)
        let rc = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { mysql_stmt_prepare(handle, $0.baseAddress, UInt(buffer.count)) }
        }
        guard rc == 0 else {
            let error = Statement.error(of: handle, context: sql)
            mysql_stmt_close(handle)
            throw error
        }
        parameterCount = Int(mysql_stmt_param_count(handle))
        _ = cmariadb_stmt_update_max_length(handle)
    }

    deinit { mysql_stmt_close(handle) }

    func run(binds: [SQLValue]) throws(MariaDBError) -> QueryResult {
        guard binds.count == parameterCount else {
            throw MariaDBError(
                code: 2031, sqlState: "HY000",
                message: "statement has \(parameterCount) placeholders but \(binds.count) values were bound", context: sql)
        }
        try execute(binds: binds)
        guard let metadata = mysql_stmt_result_metadata(handle) else {
            return QueryResult(rows: [], affectedRows: Int(truncatingIfNeeded: mysql_stmt_affected_rows(handle)))
        }
        defer {
            mysql_free_result(metadata)
            mysql_stmt_free_result(handle)
        }
        return QueryResult(rows: try fetchRows(metadata: metadata), affectedRows: 0)
    }

    private func execute(binds: [SQLValue]) throws(MariaDBError) {
        if binds.isEmpty {
            guard mysql_stmt_execute(handle) == 0 else { throw Statement.error(of: handle, context: sql) }
            return
        }
        var ints = [Int64](repeating: 0, count: binds.count)
        var texts = [[UInt8]](repeating: [], count: binds.count)
        for (i, value) in binds.enumerated() {
            switch value {
            case .null: break
            case .int(let v): ints[i] = v
            case .text(let s): texts[i] = Array(s.utf8)
            }
        }
        var mysqlBinds = [MYSQL_BIND](repeating: MYSQL_BIND(), count: binds.count)
        let failed: Bool = ints.withUnsafeMutableBufferPointer { intBuffer in
            withTextPointers(texts) { textPointers in
                for (i, value) in binds.enumerated() {
                    switch value {
                    case .null:
                        mysqlBinds[i].buffer_type = MYSQL_TYPE_NULL
                    case .int:
                        mysqlBinds[i].buffer_type = MYSQL_TYPE_LONGLONG
                        mysqlBinds[i].buffer = UnsafeMutableRawPointer(intBuffer.baseAddress! + i)
                    case .text:
                        mysqlBinds[i].buffer_type = MYSQL_TYPE_STRING
                        mysqlBinds[i].buffer = textPointers[i]
                        mysqlBinds[i].buffer_length = UInt(texts[i].count)
                    }
                }
                return mysqlBinds.withUnsafeMutableBufferPointer { bindBuffer in
                    mysql_stmt_bind_param(handle, bindBuffer.baseAddress) != 0 || mysql_stmt_execute(handle) != 0
                }
            }
        }
        if failed { throw Statement.error(of: handle, context: sql) }
    }

    /// Gives stable pointers to each byte array for the duration of `body` (empty arrays get a valid pointer too).
    private func withTextPointers<R>(_ texts: [[UInt8]], _ body: ([UnsafeMutableRawPointer?]) -> R) -> R {
        let total = texts.reduce(0) { $0 + $1.count }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 1)
        defer { storage.deallocate() }
        var pointers: [UnsafeMutableRawPointer?] = []
        pointers.reserveCapacity(texts.count)
        var offset = 0
        for text in texts {
            let p = storage + offset
            text.withUnsafeBytes { p.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(storage), byteCount: $0.count) }
            pointers.append(p)
            offset += text.count
        }
        return body(pointers)
    }

    private func fetchRows(metadata: UnsafeMutablePointer<MYSQL_RES>) throws(MariaDBError) -> [Row] {
        guard mysql_stmt_store_result(handle) == 0 else { throw Statement.error(of: handle, context: sql) }
        let count = Int(mysql_num_fields(metadata))
        guard let fields = mysql_fetch_fields(metadata) else { return [] }
        var names: [String] = []
        var capacities: [Int] = []
        for i in 0..<count {
            names.append(String(cString: fields[i].name))
            capacities.append(max(Int(fields[i].max_length), 64) + 1)
        }
        let columns = Row.Columns(names: names)
        let buffers = capacities.map { UnsafeMutableRawPointer.allocate(byteCount: $0, alignment: 8) }
        defer { buffers.forEach { $0.deallocate() } }
        var lengths = [UInt](repeating: 0, count: count)
        var nulls = [my_bool](repeating: 0, count: count)
        var truncated = [my_bool](repeating: 0, count: count)
        var binds = [MYSQL_BIND](repeating: MYSQL_BIND(), count: count)
        var rows: [Row] = []
        rows.reserveCapacity(Int(truncatingIfNeeded: mysql_stmt_num_rows(handle)))

        try lengths.withUnsafeMutableBufferPointer { (lengthPtr) throws(MariaDBError) in
            try nulls.withUnsafeMutableBufferPointer { (nullPtr) throws(MariaDBError) in
                try truncated.withUnsafeMutableBufferPointer { (errorPtr) throws(MariaDBError) in
                    for i in 0..<count {
                        binds[i].buffer_type = MYSQL_TYPE_STRING
                        binds[i].buffer = buffers[i]
                        binds[i].buffer_length = UInt(capacities[i])
                        binds[i].length = lengthPtr.baseAddress! + i
                        binds[i].is_null = nullPtr.baseAddress! + i
                        binds[i].error = errorPtr.baseAddress! + i
                    }
                    let bound = binds.withUnsafeMutableBufferPointer { mysql_stmt_bind_result(handle, $0.baseAddress) }
                    guard bound == 0 else { throw Statement.error(of: handle, context: sql) }
                    while true {
                        let rc = mysql_stmt_fetch(handle)
                        if rc == MYSQL_NO_DATA { break }
                        if rc == 1 { throw Statement.error(of: handle, context: sql) }
                        var values: [String?] = []
                        values.reserveCapacity(count)
                        for i in 0..<count {
                            if nullPtr[i] != 0 {
                                values.append(nil)
                            } else if Int(lengthPtr[i]) <= capacities[i] {
                                values.append(String(decoding: UnsafeRawBufferPointer(start: buffers[i], count: Int(lengthPtr[i])), as: UTF8.self))
                            } else {
                                values.append(try fetchLong(column: i, length: Int(lengthPtr[i])))
                            }
                        }
                        rows.append(Row(columns: columns, values: values))
                    }
                }
            }
        }
        return rows
    }

    /// Re-reads a column longer than its buffer (`MYSQL_DATA_TRUNCATED`).
    private func fetchLong(column: Int, length: Int) throws(MariaDBError) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        var actual: UInt = 0
        let rc = bytes.withUnsafeMutableBytes { raw -> Int32 in
            var bind = MYSQL_BIND()
            bind.buffer_type = MYSQL_TYPE_STRING
            bind.buffer = raw.baseAddress
            bind.buffer_length = UInt(length)
            return withUnsafeMutablePointer(to: &actual) { actualPtr in
                bind.length = actualPtr
                return mysql_stmt_fetch_column(handle, &bind, UInt32(column), 0)
            }
        }
        guard rc == 0 else { throw Statement.error(of: handle, context: sql) }
        return String(decoding: bytes.prefix(Int(actual)), as: UTF8.self)
    }

    static func error(of handle: UnsafeMutablePointer<MYSQL_STMT>, context: String) -> MariaDBError {
        MariaDBError(
            code: mysql_stmt_errno(handle),
            sqlState: String(cString: mysql_stmt_sqlstate(handle)),
            message: String(cString: mysql_stmt_error(handle)),
            context: context
        )
    }
}
