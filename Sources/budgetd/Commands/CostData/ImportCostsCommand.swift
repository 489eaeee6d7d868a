import ArgumentParser
import BudgetdApp
import CostData
import Foundation
import Kernel
import Logging
import MariaDB
import Tenancy

/// `budgetd import-costs`: a FOCUS file (CSV or gzip) into one connection, as an operator.
struct ImportCostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-costs",
        abstract: "Import a FinOps FOCUS cost file (CSV, plain or gzip) into a connection.",
        discussion: """
            The file's billing periods replace the connection's line items for those periods, in one transaction; \
            a file with a bad row changes nothing. On a terminal a progress bar shows rows, MB/s and time left. \
            Afterwards the connection's budgets are evaluated, and alerts that are due go to the outbox.
            """
    )

    @Option(help: "The connection's id.")
    var connection: String

    @Argument(help: "The cost file; - reads stdin.")
    var file: String

    func run() throws {
        let configuration = try Startup.configuration()
        guard let connectionId = UUID(canonical: connection) else { Startup.fail("--connection: not a UUID") }
        let input: UnsafeMutablePointer<FILE>? = file == "-" ? fdopen(dup(STDIN_FILENO), "rb") : fopen(file, "rb")
        guard let input else { Startup.fail("cannot open \(file): \(String(cString: strerror(errno)))") }
        defer { fclose(input) }
        let total = file == "-" ? 0 : Int((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        let bar = ProgressBar(total: total, enabled: isatty(STDERR_FILENO) == 1)
        let logger = Logger(label: "budgetd")
        let app = Startup.application(configuration, logger: logger)
        do {
            let db = try Connection(configuration: configuration.database)
            guard let csp = try ConnectionDirectory.connection(anyOrganization: connectionId, in: db) else {
                Startup.fail("no connection \(connection)")
            }
            let request = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id,
                                        fileName: (file as NSString).lastPathComponent, actor: nil, channel: .cli)
            // The import commits first; then the observers (the connection's budgets evaluated) say what followed.
            let outcome = try ImportService(db: db, now: app.settings.clock, observers: app.costData.observers, logger: logger)
                .importFile(request, read: { buffer in
                    let n = fread(buffer.baseAddress, 1, buffer.count, input)
                    if n == 0, ferror(input) != 0 { throw ImportError.file("reading failed: \(String(cString: strerror(errno)))") }
                    return n
                }, progress: bar.update)
            bar.finish()
            print(ImportCostsCommand.describe(outcome.summary, connectionName: csp.name))
            for line in outcome.followUps { print(line) }
        } catch let error as DomainError {
            bar.finish()
            let details = error.fieldErrors.filter { !error.message.contains($0.message) }.map { "\($0.field): \($0.message)" }
            Startup.fail(([error.message] + details).joined(separator: "\n  "))
        } catch {
            bar.finish()
            Startup.fail("\(error)")
        }
    }

    static func describe(_ s: ImportSummary, connectionName: String) -> String {
        var lines = [
            "imported \(s.rows) rows from \(s.fileName) into \(connectionName) in \(String(format: "%.1f", s.seconds)) s",
            "billing periods: \(s.billingPeriods.map(\.iso).joined(separator: ", ")) (replaced \(s.replacedRows) earlier rows)",
            "billed total \(MoneyFormat.grouped(s.billedTotal, fractionDigits: 2)), "
                + "effective total \(MoneyFormat.grouped(s.effectiveTotal, fractionDigits: 2))",
            "blake2b-256 \(s.checksum)\(s.compressed ? " (gzip)" : ""), import #\(s.id)",
        ]
        if !s.servicesAdded.isEmpty { lines.append("new services: \(s.servicesAdded.joined(separator: ", "))") }
        lines += s.warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// A one-line progress bar on stderr: rows, MB/s and time left (from the file size).
final class ProgressBar: Sendable {
    let total: Int
    let enabled: Bool

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ progress: ImportProgress) {
        guard enabled else { return }
        let seconds = max(Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18, 0.001)
        let rate = Double(progress.rawBytes) / seconds
        var line = "\r\(progress.rows) rows  \(String(format: "%.1f", rate / 1e6)) MB/s"
        if total > 0 {
            let fraction = min(1, Double(progress.rawBytes) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            let left = rate > 0 ? Double(total - progress.rawBytes) / rate : 0
            line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                + String(format: "%3.0f%%", fraction * 100) + "  \(progress.rows) rows  "
                + String(format: "%.1f MB/s  %.0f s left ", rate / 1e6, max(0, left))
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
