import Foundation

/// One numbered file under `sql/`: `007_threshold_breaches.sql` is version 7.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let fileName: String
    public let sql: String

    public init(version: Int, fileName: String, sql: String) {
        self.version = version
        self.fileName = fileName
        self.sql = sql
    }

    /// Reads every `NNN_name.sql` in `directory`, ordered by number.
    /// - Throws: `MigrationError` for an unreadable directory, a file without a number, or two files
    ///   with the same number.
    public static func load(from directory: String) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }
        } catch {
            throw MigrationError(file: directory, message: "cannot read the migrations directory: \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for name in names {
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, name.dropFirst(digits.count).first == "_", let version = Int(digits) else {
                throw MigrationError(file: name, message: "migration files are named NNN_description.sql")
            }
            if let clash = migrations.first(where: { $0.version == version }) {
                throw MigrationError(file: name, message: "has the same number as \(clash.fileName)")
            }
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path), let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError(file: name, message: "cannot be read as UTF-8")
            }
            migrations.append(Migration(version: version, fileName: name, sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}

/// A migration that could not be loaded or applied: the file, and the server's own words.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
