import ArgumentParser
import CSVStream
import Foundation

/// `budgetd-bench csv FILE`: CSVStream against yaslab/CSV.swift (a well-kept CSV reader from the
/// offline copies) on the same file: first that both read exactly the same records, then how fast.
/// This is the measurement the decision to keep an own reader rests on.
struct CSVBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "CSVStream vs CSV.swift on one file.")

    @Argument(help: "A CSV file.") var file: String

    func run() throws {
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        // Correctness: every record, field by field.
        var ours = try records(of: file, using: .stream, limit: 200_000)
        let theirs = try records(of: file, using: .csvSwift, limit: 200_000)
        guard ours.count == theirs.count else { fail("record counts differ: \(ours.count) vs \(theirs.count)") }
        for (i, (a, b)) in zip(ours, theirs).enumerated() where a != b {
            fail("record \(i + 1) differs:\n  CSVStream: \(a)\n  CSV.swift: \(b)")
        }
        ours.removeAll()
        print("csv: both readers read the same \(theirs.count) records of \(file) field by field")
        let streamRate = try timed { try count(file, using: .stream) }
        let csvSwiftRate = try timed { try count(file, using: .csvSwift) }
        print(String(format: "CSVStream   %.1f MB/s", Double(size) / streamRate / 1e6))
        print(String(format: "CSV.swift   %.1f MB/s   (CSVStream is %.1fx as fast)", Double(size) / csvSwiftRate / 1e6, csvSwiftRate / streamRate))
    }

    enum Reader { case stream, csvSwift }

    /// All records as strings (fields of unquoted `NULL` stay "NULL", as CSV.swift reads them).
    func records(of path: String, using reader: Reader, limit: Int) throws -> [[String]] {
        var result: [[String]] = []
        try each(path, using: reader) { fields in
            result.append(fields)
            return result.count < limit
        }
        return result
    }

    func count(_ path: String, using reader: Reader) throws -> Int {
        var fields = 0
        try each(path, using: reader) { fields += $0.count; return true }
        return fields
    }

    private func each(_ path: String, using reader: Reader, _ body: ([String]) -> Bool) throws {
        switch reader {
        case .stream:
            guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
            defer { fclose(file) }
            var csv = CSVReader { buffer in fread(buffer.baseAddress, 1, buffer.count, file) }
            while try csv.next() {
                if !body((0..<csv.fieldCount).map { csv.string($0) ?? "" }) { return }
            }
        case .csvSwift:
            try CSVSwiftRows.each(path, body)
        }
    }

    /// Seconds `body` takes (the best of three).
    private func timed(_ body: () throws -> Int) throws -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            _ = try body()
            let d = ContinuousClock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        return best
    }
}
