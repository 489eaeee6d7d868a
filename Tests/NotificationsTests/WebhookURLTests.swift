import Kernel
import Notifications
import Testing

@Suite("Webhook URLs")
struct WebhookURLTests {
    func check(_ url: String, allowPrivate: Bool = false) -> [FieldError] {
        var errors = FieldErrors()
        _ = WebhookURL.validate(url, field: "url", allowPrivate: allowPrivate, errors: &errors)
        return errors.list
    }

    @Test("http and https URLs with a public host are taken", arguments: ["https://hooks.example.com/budgets", "http://203.0.113.9:8080/x?y=1"])
    func accepted(url: String) { #expect(check(url).isEmpty) }

    @Test(
        "other schemes, credentials and private destinations are refused",
        arguments: ["ftp://example.com/x", "https://", "not a url", "https://user:pw@example.com/", "http://localhost:9000/",
                    "http://127.0.0.1/", "http://10.1.2.3/", "http://172.20.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest",
                    "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://api.localhost/",
                    "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", "http://017700000001/", "http://[0:0:0:0:0:0:0:1]/",
                    "http://localhost./", "http://127.0.0.1./", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://100.64.0.1/"])
    func refused(url: String) { #expect(check(url).count == 1) }

    @Test("only the plain syntax the OpenAPI document's pattern describes",
          arguments: ["https://h.com*", "https://a_b.example.com/", "https://a.example.com/é", "https://a.example.com/%zz",
                      "https://a.example.com/#frag", "https://-a.example.com/", "https://a.example.com:123456/", "https://a..example.com/",
                      "HTTpS://[CdAE63537a3.301]/"])
    func unusualSyntax(url: String) { #expect(check(url).count == 1, "\(url)") }

    @Test("percent-escapes, queries and ports are fine",
          arguments: ["https://a.example.com/p%20q?x=1&y=/z", "HTTPS://A.Example.COM:8443", "https://[2001:db8::1]:8443/x"])
    func plainSyntax(url: String) { #expect(check(url).isEmpty, "\(url)") }

    @Test("a local stack may allow private destinations")
    func allowPrivate() { #expect(check("http://127.0.0.1:9999/hook", allowPrivate: true).isEmpty) }

    @Test("addresses parse as resolvers read them")
    func addresses() {
        #expect(IPAddress("127.1") == .v4(0x7F00_0001) && IPAddress("10.0.258") == .v4(0x0A00_0102))
        #expect(IPAddress("1.2.3.256") == nil && IPAddress("hooks.example.com") == nil && IPAddress("1.2.3.4.5") == nil)
        #expect(IPAddress("2001:db8::1") == .v6([0x2001, 0xDB8, 0, 0, 0, 0, 0, 1]) && IPAddress("2001:db8::1")?.isPrivate == false)
        #expect(IPAddress("1::2::3") == nil && IPAddress("1:2:3:4:5:6:7:8:9") == nil)
        #expect(IPAddress("8.8.8.8")?.isPrivate == false && IPAddress("[::ffff:8.8.8.8]")?.isPrivate == false)
    }

    @Test("172.15 and 172.32 are public; 172.16 to 172.31 are not")
    func privateRanges() {
        #expect(!WebhookURL.isPrivate(host: "172.15.0.1") && WebhookURL.isPrivate(host: "172.31.255.255")
                && !WebhookURL.isPrivate(host: "172.32.0.1"))
    }
}
