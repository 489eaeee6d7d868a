import CSVStream
public import Foundation
import JSON
import Kernel
public import MariaDB
import Persistence
import Tenancy

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
    /// Groups of the rollups by tag and resource held in memory before they are added to the tables.
    var rollupGroupLimit = 10_000
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
        guard let csp = try ConnectionDirectory.connection(request.connectionId, organizationId: request.organizationId, in: connection) else {
            throw DomainError.notFound("Connection")
        }
        let lockName = "budgetd.import.\(csp.id.lowercasedString)"
        guard try connection.acquireLock(lockName, timeoutSeconds: 120) else {
            throw DomainError(.conflict, "Another import into this connection is running; try again when it has finished.")
        }
        defer { try? connection.releaseLock(lockName) }

        let startedAt = now()
        // Its own short transaction: the organization's next import waits for this number only
        // as long as it takes to hand it out, not for the whole import.
        let number = try connection.transaction { tx in try OrganizationCounter.importNumber.next(organizationId: request.organizationId, tx) }
        let stream = try ByteStream(source: read)
        var csv = CSVReader { try stream.read(into: $0) }
        let columns: FOCUSColumns
        do {
            do {
                guard try csv.next() else { throw ImportError.file("it is empty") }
                columns = try FOCUSColumns(header: (0..<csv.fieldCount).map { csv.string($0) ?? "" })
            } catch let error as CSVError {
                throw ImportError.file("it is not a CSV file: \(error)")
            }
        } catch let error as ImportError {
            // A file refused at its header is in the history too, with its reason.
            try recordFailure(request: request, number: number, csp: csp, startedAt: startedAt, problems: error.problems)
            throw error
        }

        let reader = RowReader(csv: csv, state: ImportState(connection: csp, importId: 0, columns: columns), stream: stream,
                               batchSize: batchSize)
        let queue = BatchQueue(capacity: 2)
        // Runs last: whichever side failed first, the reader thread is stopped and gone before this returns.
        defer {
            queue.close()
            reader.join()
        }
        let outcome: (replaced: Int, added: [String], replacedImports: [Int64])
        do {
            // Once: the file streams through the body, so a transaction that failed cannot be replayed.
            outcome = try connection.transaction(attempts: 1) { tx in
                try write(request, number: number, in: tx, csp: csp, startedAt: startedAt, reader: reader, queue: queue, stream: stream, clock: clock,
                          started: started, progress: progress)
            }
        } catch let error as ImportError {
            // The transaction is rolled back; what was refused is recorded on its own.
            try recordFailure(request: request, number: number, csp: csp, startedAt: startedAt, problems: error.problems)
            throw error
        }
        let state = reader.state
        let periods = state.billingPeriods.sorted()
        progress(ImportProgress(rawBytes: stream.rawBytes, rows: state.rows, elapsed: clock.now - started))
        let elapsed = clock.now - started
        return ImportSummary(
            id: number, connectionId: csp.id, fileName: request.fileName, checksum: stream.checksum(), bytes: stream.rawBytes,
            compressed: stream.isGzip, rows: state.rows, billingPeriods: periods, replacedRows: outcome.replaced,
            replacedImports: outcome.replacedImports,
            billedTotal: FixedAmount.decimal(state.billedTotal), effectiveTotal: FixedAmount.decimal(state.effectiveTotal),
            servicesAdded: outcome.added,
            rowsByProvider: state.rowsByProvider, warnings: state.warnings(),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// The import's transaction: its record, every batch the reader hands over (each billing
    /// period's earlier line items deleted first), and the record completed with the totals.
    /// - Throws: `ImportError` for rows the reader or the database refused; `MariaDBError` when
    ///   the database fails. Either way the caller's transaction rolls everything back.
    private func write(_ request: ImportRequest, number: Int64, in tx: Transaction, csp: CSPConnection, startedAt: Date,
                       reader: RowReader, queue: BatchQueue,
                       stream: ByteStream, clock: ContinuousClock, started: ContinuousClock.Instant,
                       progress: (ImportProgress) -> Void) throws -> (replaced: Int, added: [String], replacedImports: [Int64]) {
        try tx.execute("""
            INSERT INTO cost_imports (organization_id, number, csp_connection_id, channel, created_by, created_by_email, started_at,
                                      file_name, status)
            VALUES (\(request.organizationId), \(number), \(csp.id), \(request.channel.rawValue), \(request.actor?.userId),
                    \(request.actor?.email), \(UTCTimestamp.sql(startedAt)), \(request.fileName.prefix(scalars: 255)), 'running')
            """)
        guard let importId = try tx.query("SELECT LAST_INSERT_ID() AS id").first?.int64("id") else {
            throw DomainError(.unavailable, "The import could not be recorded.")
        }
        var catalogue = try ServiceCatalogue(connectionId: csp.id, in: tx)
        var tagSets = TagSetCatalogue(organizationId: csp.organizationId)
        var rollups = ImportRollups(connectionId: csp.id, limit: rollupGroupLimit)
        reader.start(into: queue, importId: importId)
        var written = 0
        var replaced = 0
        var replacedImports: Set<Int64> = []
        while let batch = queue.take() {
            for period in batch.newPeriods {
                // The first rows of a billing period: its earlier line items go now, before any of
                // its new ones is written, so the DELETE reads only what it replaces (one DELETE at
                // the end read every row the import had just added).
                let deleted = try tx.execute("""
                    DELETE FROM cost_line_items WHERE csp_connection_id = \(csp.id) AND billing_period_start = \(period)
                    AND (import_id IS NULL OR import_id <> \(importId))
                    """)
                replaced += deleted
                // Imports replace whole billing periods, so what was there came from the latest import
                // that covered the period (a few rows of cost_imports, not a scan of the line items).
                if deleted > 0, let earlier = try tx.query("""
                    SELECT number FROM cost_imports WHERE csp_connection_id = \(csp.id) AND status = 'completed' AND id <> \(importId)
                      AND JSON_CONTAINS(billing_periods, JSON_QUOTE(\(period.iso))) ORDER BY id DESC LIMIT 1
                    """).first?.int64("number") {
                    replacedImports.insert(earlier)
                }
            }
            try rollups.delete(periods: batch.newPeriods, in: tx)
            var rows = batch.rows
            var serviceIds: [UUID] = []
            serviceIds.reserveCapacity(rows.count)
            for i in rows.indices {
                let serviceId = try catalogue.id(of: rows[i].serviceName, category: rows[i].serviceCategory, in: tx)
                rows[i].values[ParsedRow.serviceIdColumn] = serviceId.sqlValue
                serviceIds.append(serviceId)
            }
            for (i, id) in try tagSets.ids(for: rows.map(\.tagSet), in: tx).enumerated() {
                rows[i].values[ParsedRow.tagSetIdColumn] = id.sqlValue
                try rollups.add(rows[i].rollup, serviceId: serviceIds[i], tagSetId: id, in: tx)
            }
            try insert(rows, in: tx)
            if (written + rows.count) / 10_000 > written / 10_000 {
                progress(ImportProgress(rawBytes: batch.rawBytes, rows: written + rows.count, elapsed: clock.now - started))
            }
            written += rows.count
        }
        reader.join()
        if let failure = reader.failure { throw failure }
        let state = reader.state
        if !state.problems.isEmpty { throw ImportError.rows(state.problems) }
        guard state.rows > 0 else { throw ImportError.file("it has no cost rows") }
        // The rollups of the periods this file replaced, from the rows just written: they commit with them.
        try rollups.flush(in: tx)
        try DailyRollups.rebuild(connectionId: csp.id, billingPeriods: state.billingPeriods, assigningTagSets: false, byTagAndResource: false,
                                 in: tx)

        try tx.execute("""
            UPDATE cost_imports SET status = 'completed', finished_at = \(UTCTimestamp.sql(now())), checksum = \(stream.checksum()),
                bytes = \(stream.rawBytes), row_count = \(state.rows), replaced_rows = \(replaced),
                billing_periods = \(JSONValue.array(state.billingPeriods.sorted().map { .string($0.iso) }).serialized),
                billed_total = \(FixedAmount.format(state.billedTotal)), effective_total = \(FixedAmount.format(state.effectiveTotal)),
                warnings = \(JSONValue.array(state.warnings().map(JSONValue.string)).serialized),
                services_added = \(JSONValue.array(catalogue.added.sorted().map(JSONValue.string)).serialized),
                replaced_imports = \(JSONValue.array(replacedImports.sorted().map { .number(JSONNumber(Int($0))) }).serialized)
            WHERE id = \(importId)
            """)
        return (replaced, catalogue.added.sorted(), replacedImports.sorted())
    }

    /// One multi-row INSERT. Should the database refuse a value the reader let through, the rows
    /// are written one by one to find the first it refuses, so the answer names its line and column
    /// like any other problem (the statements that succeeded meanwhile go with the rollback).
    private func insert(_ rows: [ParsedRow], in tx: Transaction) throws {
        var values: [SQLValue] = []
        values.reserveCapacity(rows.count * CostRowWriter.columns.count)
        for row in rows { values.append(contentsOf: row.values) }
        do {
            try tx.execute(CostRowWriter.insert(rows: rows.count, values: values))
        } catch {
            guard error.kind == .valueRejected || error.kind == .constraintViolation else { throw error }
            throw try firstRefused(rows, in: tx).map { ImportError.rows([$0]) } ?? error
        }
    }

    /// Writes `rows` one at a time and names the first the database refuses, if one is.
    private func firstRefused(_ rows: [ParsedRow], in tx: Transaction) throws(MariaDBError) -> ImportError.RowProblem? {
        for row in rows {
            let result = Result { () throws(MariaDBError) in try tx.execute(CostRowWriter.insert(rows: 1, values: row.values)) }
            guard case .failure(let error) = result else { continue }
            guard error.kind == .valueRejected || error.kind == .constraintViolation else { throw error }
            return CostRowWriter.problem(error, line: row.line)
        }
        return nil
    }

    /// Records a refused import with its first problems, after its own transaction rolled back.
    private func recordFailure(request: ImportRequest, number: Int64, csp: CSPConnection, startedAt: Date,
                               problems: [ImportError.RowProblem]) throws {
        try connection.transaction { tx in
            try tx.execute("""
                INSERT INTO cost_imports (organization_id, number, csp_connection_id, channel, created_by, created_by_email, started_at, finished_at,
                                          file_name, status, problems)
                VALUES (\(request.organizationId), \(number), \(csp.id), \(request.channel.rawValue), \(request.actor?.userId),
                        \(request.actor?.email), \(UTCTimestamp.sql(startedAt)), \(UTCTimestamp.sql(now())),
                        \(request.fileName.prefix(scalars: 255)), 'failed',
                        \(JSONValue.array(problems.map { .string($0.description) }).serialized))
                """)
        }
    }
}
