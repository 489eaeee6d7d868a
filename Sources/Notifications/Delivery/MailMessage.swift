import Kernel
import Foundation

/// An e-mail as a sendmail-compatible command reads it with `-t -i`: RFC 5322 headers (the
/// recipient is taken from `To`), then a `multipart/alternative` body with the text and the HTML
/// version, both UTF-8 and quoted-printable so that no line is too long for SMTP; with an
/// attachment, that alternative and the file (base64) inside a `multipart/mixed`.
///
/// The `Message-ID` is derived from the message's number in its organization, so a message sent
/// twice (a deliverer that died between sending and recording) is recognisably the same message.
struct MailMessage {
    let organizationId: UUID
    let number: Int64
    let from: String
    let to: String
    let subject: String
    let text: String
    let html: String
    var attachment: MailAttachment? = nil
    let date: Date
    /// The site's host name, for the Message-ID.
    let host: String

    /// The message's number and the first 64 bits of its organization's id: unique, short enough
    /// for a header line, and nothing in it counts other tenants' messages.
    var messageId: String {
        "<budgetd.\(number).\(organizationId.lowercasedString.filter { $0 != "-" }.prefix(16))@\(host)>"
    }

    /// The message with LF line endings, as local submission expects.
    var bytes: [UInt8] {
        let alternative = "budgetd-\(number)-alternative"
        let mixed = "budgetd-\(number)-mixed"
        var lines = [
            "From: " + from,
            "To: " + to,
            "Subject: " + MailMessage.encodedHeader(subject),
            "Date: " + MailMessage.rfc5322(date),
            "Message-ID: " + messageId,
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        if let attachment {
            lines += [
                "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
                "",
                "This is a MIME message with a text and an HTML version, and a file.",
                "--" + mixed,
                "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
                "",
            ]
            lines += alternativeParts(boundary: alternative)
            lines += [
                "--" + mixed,
                "Content-Type: \(attachment.contentType); charset=utf-8; name=\"\(MailMessage.safeFileName(attachment.fileName))\"",
                "Content-Disposition: attachment; filename=\"\(MailMessage.safeFileName(attachment.fileName))\"",
                "Content-Transfer-Encoding: base64",
                "",
                MailMessage.base64Lines(Array(attachment.content.utf8)),
                "--" + mixed + "--",
            ]
        } else {
            lines += [
                "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
                "",
                "This is a MIME message with a text and an HTML version.",
            ]
            lines += alternativeParts(boundary: alternative)
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func alternativeParts(boundary: String) -> [String] {
        var lines: [String] = []
        for (type, content) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--" + boundary,
                "Content-Type: \(type); charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(content),
            ]
        }
        lines.append("--" + boundary + "--")
        return lines
    }

    /// Letters, digits, `.`, `-` and `_` only: the name goes into a quoted header parameter.
    static func safeFileName(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }.prefix(100))
    }

    /// Base64 in lines of 76 characters (RFC 2045).
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\n")
    }

    /// Plain ASCII as is; anything else (or a line break someone slipped into a name) as RFC 2047
    /// encoded words, each line within 76 characters, folded onto continuation lines.
    static func encodedHeader(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && value.utf8.count <= 900 { return value }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            // 39 bytes of UTF-8 make 52 characters of base64: with `=?utf-8?B?` and `?=`, 64, and
            // the first line, after `Subject: `, stays within 76.
            if chunk.count + bytes.count > 39 {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\n ")
    }

    /// `Sat, 28 Nov 2026 07:30:00 +0000`, independent of the locale.
    static func rfc5322(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let second = seconds - day.daysSinceEpoch * 86_400
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((day.daysSinceEpoch % 7) + 7) % 7]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(day.day)) \(months[day.month - 1]) \(day.year) "
            + "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)) +0000"
    }
}

/// Quoted-printable (RFC 2045 §6.7): printable ASCII stays readable, everything else is `=XX`,
/// and lines are soft-broken before 76 characters.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(0x0A) }
            let bytes = Array(line.utf8)
            var width = 0
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !last)
                let piece: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                if width + piece.count > 75 {
                    out += [UInt8(ascii: "="), 0x0A]
                    width = 0
                }
                out += piece
                width += piece.count
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
