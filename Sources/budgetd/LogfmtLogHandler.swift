import Foundation
import Glibc
import Logging

/// One line per event in logfmt (`ts=… level=info msg=request method=GET …`), to stderr through
/// `LogOutput`.
///
/// Values are quoted and escaped, so a path with a newline or a quote cannot forge a log line.
/// Every request logs a line, so the line is built as bytes without `String(format:)` or
/// `String(describing:)`, which cost more than serving `/livez` (measured with callgrind).
struct LogfmtLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String

    init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(contentsOf: "ts=".utf8)
        Self.appendTimestamp(to: &line)
        line.append(contentsOf: " level=".utf8)
        line.append(contentsOf: event.level.rawValue.utf8)
        line.append(contentsOf: " msg=".utf8)
        Self.appendQuoted(event.message.description, to: &line)
        // The event's own metadata wins over the handler's; most loggers have none of their own,
        // and then the event's entries are sorted as they are (no merged copy, no second lookup).
        var merged = event.metadata ?? [:]
        if !metadata.isEmpty {
            for (key, value) in metadata where merged[key] == nil { merged[key] = value }
        }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            Self.appendQuoted(Self.text(value), to: &line)
        }
        line.append(0x0A)
        LogOutput.shared.write(line, urgent: event.level >= .warning)
    }

    private static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let s): s
        case .stringConvertible(let c): c.description
        case .array(let values): "[" + values.map(text).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { "\($0):\(text(d[$0]!))" }.joined(separator: ",") + "}"
        }
    }

    /// Bare when safe, otherwise in double quotes with `"`, `\`, and control characters escaped.
    static func appendQuoted(_ value: String, to line: inout [UInt8]) {
        let utf8 = value.utf8
        let bare = !utf8.isEmpty && utf8.allSatisfy {
            $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "\\") && $0 < 0x80
        }
        if bare {
            line.append(contentsOf: utf8)
            return
        }
        line.append(UInt8(ascii: "\""))
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": line.append(contentsOf: "\\\"".utf8)
            case "\\": line.append(contentsOf: "\\\\".utf8)
            case "\n": line.append(contentsOf: "\\n".utf8)
            case "\r": line.append(contentsOf: "\\r".utf8)
            case "\t": line.append(contentsOf: "\\t".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    line.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".utf8)
                } else {
                    line.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        line.append(UInt8(ascii: "\""))
    }

    /// `2026-11-22T13:53:57.666Z`, UTC.
    private static func appendTimestamp(to line: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var time = tm()
        gmtime_r(&seconds, &time)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                line.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
                v %= divisor
                divisor /= 10
            }
        }
        digits(Int(time.tm_year) + 1900, 4); line.append(UInt8(ascii: "-"))
        digits(Int(time.tm_mon) + 1, 2); line.append(UInt8(ascii: "-"))
        digits(Int(time.tm_mday), 2); line.append(UInt8(ascii: "T"))
        digits(Int(time.tm_hour), 2); line.append(UInt8(ascii: ":"))
        digits(Int(time.tm_min), 2); line.append(UInt8(ascii: ":"))
        digits(Int(time.tm_sec), 2); line.append(UInt8(ascii: "."))
        digits(Int(now.tv_nsec) / 1_000_000, 3); line.append(UInt8(ascii: "Z"))
    }
}
