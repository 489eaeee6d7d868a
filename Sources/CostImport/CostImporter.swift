import BudgetCore
import BudgetStorage
import CSVStream
public import Foundation
import JSON
public import MariaDB

/// Imports a FinOps FOCUS cost file (CSV, plain or gzip) into one connection: the one code path
/// behind `budgetd import-costs`, `POST /api/connections/{id}/costs` and the upload form.
///
/// Cloud bills are restated, so an import replaces the connection's line items for exactly the
/// billing periods the file covers, in one transaction: importing a file twice gives the same
/// totals, overlapping files never count a charge twice, and a file with a bad row changes nothing
/// (the first problems are reported as `line N, column NAME: problem`). Rows in another currency
/// than the connection's are refused. The file streams through: memory stays flat.
///
/// Rows of several providers in one file (a consolidated FOCUS export) are accepted and count
/// toward the connection's budgets; rows from a provider other than the connection's are named in
/// the summary's warnings.
public struct CostImporter {
    public let connection: Connection
    public let now: () -> Date
    /// Rows per INSERT statement.
    let batchSize = 500
    /// Problems reported before giving up on a file.
    static let maximumProblems = 10

    public init(connection: Connection, now: @escaping () -> Date = { Date() }) {
        self.connection = connection
        self.now = now
    }

    /// Reads the file from `read` (raw bytes, as uploaded) and imports it.
    /// - Parameter progress: called every 10,000 rows.
    /// - Throws: `ImportError` for a file that is refused (nothing changed), `DomainError` when the
    ///   connection is not the organization's, `MariaDBError` when the database fails.
    public func run(_ request: ImportRequest, read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int,
                    progress: (ImportProgress) -> Void = { _ in }) throws -> ImportSummary {
        let clock = ContinuousClock()
        let started = clock.now
        guard let csp = try MariaDBConnectionRepository(connection: connection).find(request.connectionId, organizationId: request.organizationId) else {
            throw DomainError.notFound("Connection")
        }
        let lockName = "budgetd.import.\(csp.id.lowercasedString)"
        guard try connection.acquireLock(lockName, timeoutSeconds: 120) else {
            throw DomainError(.conflict, "Another import into this connection is running; try again when it has finished.")
        }
        defer { try? connection.releaseLock(lockName) }

        let stream = try ByteStream(source: read)
        var csv = CSVReader { try stream.read(into: $0) }
        let columns: FOCUSColumns
        do {
            guard try csv.next() else { throw ImportError.file("it is empty") }
            columns = try FOCUSColumns(header: (0..<csv.fieldCount).map { csv.string($0) ?? "" })
        } catch let error as CSVError {
            throw ImportError.file("it is not a CSV file: \(error)")
        }

        let startedAt = now()
        try connection.execute("START TRANSACTION")
        var committed = false
        defer { if !committed { _ = try? connection.execute("ROLLBACK") } }
        try connection.execute("""
            INSERT INTO cost_imports (organization_id, csp_connection_id, channel, created_by, created_by_email, started_at, file_name, status)
            VALUES (\(request.organizationId), \(csp.id), \(request.channel.rawValue), \(request.actor?.userId), \(request.actor?.email),
                    \(UTCTimestamp.sql(startedAt)), \(request.fileName.prefix(scalars: 255)), 'running')
            """)
        guard let importId = try connection.query("SELECT LAST_INSERT_ID() AS id").first?.int64("id") else {
            throw DomainError(.unavailable, "The import could not be recorded.")
        }

        var catalogue = try ServiceCatalogue(connectionId: csp.id, repository: MariaDBConnectionRepository(connection: connection))
        let reader = RowReader(csv: csv, state: ImportState(connection: csp, importId: importId, columns: columns), stream: stream,
                               batchSize: batchSize)
        let queue = BatchQueue(capacity: 2)
        reader.start(into: queue)
        // Runs before the ROLLBACK above: the reader thread is stopped and gone before this returns.
        defer {
            queue.close()
            reader.join()
        }
        var written = 0
        var replaced = 0
        while let batch = queue.take() {
            for period in batch.newPeriods {
                // The first rows of a billing period: its earlier line items go now, before any of
                // its new ones is written, so the DELETE reads only what it replaces (one DELETE at
                // the end read every row the import had just added).
                replaced += try connection.execute("""
                    DELETE FROM cost_line_items WHERE csp_connection_id = \(csp.id) AND billing_period_start = \(period)
                    AND (import_id IS NULL OR import_id <> \(importId))
                    """)
            }
            var values: [SQLValue] = []
            values.reserveCapacity(batch.rows.count * CostRowWriter.columns.count)
            for var row in batch.rows {
                row.values[ParsedRow.serviceIdColumn] = try catalogue.id(of: row.serviceName, category: row.serviceCategory).sqlValue
                values.append(contentsOf: row.values)
            }
            try connection.execute(CostRowWriter.insert(rows: batch.rows.count, values: values))
            if (written + batch.rows.count) / 10_000 > written / 10_000 {
                progress(ImportProgress(rawBytes: batch.rawBytes, rows: written + batch.rows.count, elapsed: clock.now - started))
            }
            written += batch.rows.count
        }
        reader.join()
        if let failure = reader.failure { throw failure }
        let state = reader.state
        if !state.problems.isEmpty {
            try fail(request: request, csp: csp, startedAt: startedAt, problems: state.problems, committed: &committed)
            throw ImportError.rows(state.problems)
        }
        guard state.rows > 0 else {
            try fail(request: request, csp: csp, startedAt: startedAt,
                     problems: [.init(line: 2, column: nil, problem: "the file has no cost rows")], committed: &committed)
            throw ImportError.file("it has no cost rows")
        }

        let periods = state.billingPeriods.sorted()
        let checksum = stream.checksum()
        try connection.execute("""
            UPDATE cost_imports SET status = 'completed', finished_at = \(UTCTimestamp.sql(now())), checksum = \(checksum),
                bytes = \(stream.rawBytes), row_count = \(state.rows), replaced_rows = \(replaced),
                billing_periods = \(JSONValue.array(periods.map { .string($0.iso) }).serialized),
                billed_total = \(FixedAmount.format(state.billedTotal)), effective_total = \(FixedAmount.format(state.effectiveTotal))
            WHERE id = \(importId)
            """)
        try connection.execute("COMMIT")
        committed = true
        progress(ImportProgress(rawBytes: stream.rawBytes, rows: state.rows, elapsed: clock.now - started))
        let elapsed = clock.now - started
        return ImportSummary(
            id: importId, connectionId: csp.id, fileName: request.fileName, checksum: checksum, bytes: stream.rawBytes,
            compressed: stream.isGzip, rows: state.rows, billingPeriods: periods, replacedRows: replaced,
            billedTotal: FixedAmount.decimal(state.billedTotal), effectiveTotal: FixedAmount.decimal(state.effectiveTotal),
            servicesAdded: catalogue.added.sorted(),
            rowsByProvider: state.rowsByProvider, warnings: state.warnings(),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Rolls the import back and records it as failed, with its first problems.
    private func fail(request: ImportRequest, csp: CSPConnection, startedAt: Date,
                      problems: [ImportError.RowProblem], committed: inout Bool) throws {
        try connection.execute("ROLLBACK")
        committed = true
        try connection.execute("""
            INSERT INTO cost_imports (organization_id, csp_connection_id, channel, created_by, created_by_email, started_at, finished_at,
                                      file_name, status, problems)
            VALUES (\(request.organizationId), \(csp.id), \(request.channel.rawValue), \(request.actor?.userId), \(request.actor?.email),
                    \(UTCTimestamp.sql(startedAt)), \(UTCTimestamp.sql(now())), \(request.fileName.prefix(scalars: 255)), 'failed',
                    \(JSONValue.array(problems.map { .string($0.description) }).serialized))
            """)
    }
}
