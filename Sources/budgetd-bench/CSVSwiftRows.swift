import CSV
import Foundation

/// yaslab/CSV.swift reading a file; kept in its own file because its module exports a type named
/// like CSVStream's reader.
enum CSVSwiftRows {
    static func each(_ path: String, _ body: ([String]) -> Bool) throws {
        guard let stream = InputStream(fileAtPath: path) else { fail("cannot open \(path)") }
        let csv = try CSVReader(stream: stream)
        while let row = csv.next() {
            if !body(row) { return }
        }
    }
}
