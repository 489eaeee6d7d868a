@testable import Notifications
import Kernel
import Foundation
import Testing

@Suite("Alert e-mails")
struct MailMessageTests {
    let message = MailMessage(
        organizationId: UUID(canonical: "0e7a3c52-1c1b-4d0a-9a55-3f1d2c8b9e01")!, number: 42, from: "budgetd@example.com", to: "ops@example.com",
        subject: "Budget \"Prod\" reached 80\u{202F}%: €800.00 of €1,000.00",
        text: "The budget “Prod” has reached 80 %.\n" + String(repeating: "x", count: 200) + " \nend",
        html: "<p class=\"x\">é</p>", date: UTCTimestamp.parse("2026-11-28 07:30:00")!, host: "budgets.example.com")

    var text: String { String(decoding: message.bytes, as: UTF8.self) }

    @Test("headers a sendmail -t reads, with a stable Message-ID")
    func headers() {
        #expect(text.hasPrefix("From: budgetd@example.com\nTo: ops@example.com\nSubject: =?utf-8?B?"))
        #expect(text.contains("\nDate: Sat, 28 Nov 2026 07:30:00 +0000\n"))
        // Numbered within the organization: nothing in it counts other tenants' messages.
        #expect(text.contains("\nMessage-ID: <budgetd.42.0e7a3c521c1b4d0a@budgets.example.com>\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"budgetd-42-alternative\""))
    }

    @Test("no line longer than 76 characters, every byte 7-bit")
    func lineLengths() {
        #expect(message.bytes.allSatisfy { $0 < 0x80 })
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 76 })
    }

    @Test("quoted-printable decodes back to the text")
    func quotedPrintableRoundTrip() {
        let original = "Spent: $1,234.50 of €2,000 = 61.7 %\ttab  \n" + String(repeating: "é", count: 60) + "\n=equals= "
        #expect(decode(QuotedPrintable.encode(original)) == original)
    }

    @Test("a line break in a subject cannot add a header")
    func headerInjection() {
        let encoded = MailMessage.encodedHeader("Budget\nBcc: everyone@example.com")
        #expect(!encoded.contains("\nBcc:"))
        #expect(encoded.hasPrefix("=?utf-8?B?"))
        #expect(MailMessage.encodedHeader("plain ASCII") == "plain ASCII")
    }

    @Test("webhook signatures are HMAC-SHA256 over the timestamp and the body")
    func signature() {
        #expect(WebhookSender.signature(secret: "whsec_test", timestamp: 1_700_000_000, body: Array(#"{"a":1}"#.utf8))
            == "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789")
    }

    func decode(_ encoded: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(encoded.utf8)[...]
        while let byte = input.first {
            input = input.dropFirst()
            if byte == UInt8(ascii: "=") {
                if input.first == 0x0A { input = input.dropFirst(); continue }
                bytes.append(UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)!)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
