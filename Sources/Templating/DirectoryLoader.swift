#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and reads the `*.mustache` files of a directory tree with plain POSIX calls, keeping the
/// library free of Foundation.
enum DirectoryLoader {
    static let fileExtension = ".mustache"

    /// Every template under `directory`, named by relative path without the extension.
    static func load(_ directory: String) throws(TemplateError) -> [(name: String, source: SourceText)] {
        var found: [(name: String, source: SourceText)] = []
        var visited: [(device: UInt64, inode: UInt64)] = []
        try walk(directory, prefix: "", found: &found, visited: &visited)
        return found
    }

    private static func walk(
        _ path: String, prefix: String,
        found: inout [(name: String, source: SourceText)],
        visited: inout [(device: UInt64, inode: UInt64)]
    ) throws(TemplateError) {
        let status = try fileStatus(path)
        // A symbolic link back up the tree would otherwise recurse forever.
        let identity = (device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        if visited.contains(where: { $0 == identity }) { return }
        visited.append(identity)

        for entry in try entries(of: path) {
            let fullPath = path.hasSuffix("/") ? path + entry : path + "/" + entry
            let mode = try fileStatus(fullPath).st_mode & S_IFMT
            if mode == S_IFDIR {
                try walk(fullPath, prefix: prefix + entry + "/", found: &found, visited: &visited)
            } else if mode == S_IFREG, entry.hasSuffix(fileExtension), entry.count > fileExtension.count {
                let name = prefix + String(entry.dropLast(fileExtension.count))
                found.append((name: name, source: try readTemplate(fullPath)))
            }
        }
    }

    /// Names in a directory, without `.` and `..`, sorted so loading is deterministic.
    private static func entries(of path: String) throws(TemplateError) -> [String] {
        guard let directory = opendir(path) else {
            throw ioError(path, "cannot open directory")
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." {
                names.append(name)
            }
        }
        return names.sorted()
    }

    private static func fileStatus(_ path: String) throws(TemplateError) -> stat {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ioError(path, "cannot read file status")
        }
        return status
    }

    /// The file's bytes, unchanged; invalid UTF-8 is reported at the first bad byte.
    static func readTemplate(_ path: String) throws(TemplateError) -> SourceText {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ioError(path, "cannot open file")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ioError(path, "cannot read file")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let source = SourceText(file: path, bytes: bytes)
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            throw source.error(at: offset, "file is not valid UTF-8")
        }
        return source
    }

    private static func ioError(_ path: String, _ message: String) -> TemplateError {
        let reason = String(cString: strerror(errno))
        return TemplateError(file: path, line: 1, column: 1, message: "\(message): \(reason)")
    }
}
