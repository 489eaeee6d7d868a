import ArgumentParser
import Foundation
import Templating

/// `budgetd bench render`: the template engine on a realistic page against a hand-written
/// renderer of the very same bytes (the ceiling for any template engine). Hidden from help;
/// `scripts/bench render` runs it.
struct RenderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Template render rate vs hand-written code.")

    @Option(help: "Directory of the benchmark's page (scripts/benchmarks/templates).")
    var templates: String

    @Option(help: "Seconds per contender per round.")
    var seconds: Double = 2

    @Option(help: "Rounds; the median is reported.")
    var rounds: Int = 5

    func run() throws {
        let library = try TemplateLibrary(directory: templates)
        let page = BenchmarkPage(rows: 50)
        let engine = try library.render("page", page.context)
        let handWritten = page.handWritten()
        guard engine == handWritten else {
            let offset = zip(engine, handWritten).prefix { $0 == $1 }.count
            fail("the two renderers disagree at character \(offset): the benchmark would measure different work")
        }
        let context = page.context
        var engineRates: [Double] = []
        var withContextRates: [Double] = []
        var handRates: [Double] = []
        for _ in 0..<rounds {
            engineRates.append(try rate { _ = try library.render("page", context) })
            withContextRates.append(try rate { _ = try library.render("page", page.context) })
            handRates.append(try rate { _ = page.handWritten() })
        }
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let ratio = { (values: [Double]) in String(format: "%.2f", median(zip(values, handRates).map { $0 / $1 })) }
        print("page: \(engine.utf8.count) bytes, \(page.rows.count) rows, layout + 2 partials, every value escaped; median of \(rounds) rounds")
        print("template engine, context prepared      \(Int(median(engineRates))) renders/s  "
              + "(\(Int(median(engineRates) * Double(engine.utf8.count) / 1_000_000)) MB/s)   ratio \(ratio(engineRates))")
        print("template engine, context built each time \(Int(median(withContextRates))) renders/s   ratio \(ratio(withContextRates))")
        print("hand-written Swift, one byte buffer     \(Int(median(handRates))) renders/s   (the ceiling)")
    }

    /// Calls per second of `body` over `seconds`.
    private func rate(_ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        while clock.now - start < .milliseconds(Int(seconds * 1000)) {
            for _ in 0..<20 { try body() }
            count += 20
        }
        let elapsed = clock.now - start
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// The benchmark's data, and the page written by hand exactly as the templates write it.
struct BenchmarkPage {
    struct Row {
        let id, name, connection, amount, spend, status, width, label: String
        let warning: Bool
    }

    let rows: [Row]
    let organization = "Distro Nation & \"Friends\""
    let email = "admin@example.com"

    init(rows count: Int) {
        rows = (0..<count).map { i in
            Row(id: String(format: "%08x-0000-4000-8000-%012x", i, i), name: "Budget <\(i)> & 'co'", connection: "Production AWS Account",
                amount: "$\(1000 + i * 37).00", spend: "$\(i * 29).50", status: i % 3 == 0 ? "warning" : "active",
                width: "\(i * 2 % 100)", label: "\(i * 2 % 100).0 %", warning: i % 3 == 0)
        }
    }

    var context: TemplateValue {
        [
            "organization": .string(organization),
            "user": ["email": .string(email), "role": "admin"],
            "budgets": .list(rows.map { r in
                ["id": .string(r.id), "name": .string(r.name), "connection": .string(r.connection), "amount": .string(r.amount),
                 "spend": .string(r.spend), "status": .string(r.status), "width": .string(r.width), "label": .string(r.label),
                 "warning": .bool(r.warning)]
            }),
        ]
    }

    /// Written as a careful engineer would without an engine: one byte buffer, bulk appends,
    /// escaping byte by byte, one String at the end.
    func handWritten() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24_000)
        func raw(_ text: StaticString) { text.withUTF8Buffer { out.append(contentsOf: $0) } }
        func escaped(_ text: String) {
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "&"): raw("&amp;")
                case UInt8(ascii: "<"): raw("&lt;")
                case UInt8(ascii: ">"): raw("&gt;")
                case UInt8(ascii: "\""): raw("&quot;")
                case UInt8(ascii: "'"): raw("&#39;")
                default: out.append(b)
                }
            }
        }
        raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Budgets · budgetd</title>\n")
        raw("<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n")
        raw("<header class=\"site-header\">\n  <a class=\"brand\" href=\"/\">budgetd</a>\n  <span>")
        escaped(email)
        raw("</span> <span class=\"role\">admin</span>\n</header>\n<main id=\"main\">\n<h1>Budgets of ")
        escaped(organization)
        raw("</h1>\n<table>\n<tbody>\n")
        for r in rows {
            raw("<tr>\n  <td><a href=\"/budgets/")
            escaped(r.id)
            raw("\">")
            escaped(r.name)
            raw("</a></td>\n  <td>")
            escaped(r.connection)
            raw("</td>\n  <td class=\"num\">")
            escaped(r.amount)
            raw("</td>\n  <td class=\"num\">")
            escaped(r.spend)
            raw("</td>\n  <td><svg class=\"meter ")
            escaped(r.status)
            raw("\" viewBox=\"0 0 100 8\"><rect width=\"")
            escaped(r.width)
            raw("\" height=\"8\"></rect></svg>")
            escaped(r.label)
            raw("</td>\n  <td>")
            if r.warning { raw("<span class=\"badge warning\">Warning</span>") } else { raw("<span class=\"badge active\">On track</span>") }
            raw("</td>\n</tr>\n")
        }
        raw("</tbody>\n</table>\n\n</main>\n</body>\n</html>\n")
        return String(decoding: out, as: UTF8.self)
    }
}
