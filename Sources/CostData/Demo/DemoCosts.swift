public import Foundation
import Kernel
public import MariaDB
public import Tenancy

/// Daily FOCUS line items for the demo connections, from June 2025 up to now, built from the
/// financial governance framework: June 2025's validated AWS service lines, its growth and
/// optimisation projections, the environment split, the Firebase and Airtable estimates, the
/// mandatory tags on most items, and a few spikes for anomaly detection to find. Today has one
/// line item per service for the hours already over (as a cloud's intraday export does), so a
/// period that began today is not empty. Deterministic: the same hour always gives the same file.
enum DemoCosts {
    /// June 2025 on the production account, in cents (section 1.1). The listed services add up to
    /// 285.69; the document's total is 314.54, so the difference is an explicit unattributed line.
    static let june2025: [(service: String, cents: Int)] = [
        ("EC2 - NAT Gateway", 9742), ("Amazon ECS Fargate", 1764), ("Amazon VPC", 2477), ("Elastic Load Balancing", 1621),
        ("AWS Amplify", 22), ("Amazon ECR", 24), ("AWS Data Transfer", 5), ("Amazon Aurora PostgreSQL", 5876),
        ("Amazon DocumentDB", 3425), ("Amazon S3", 1661), ("Amazon CloudWatch", 812), ("AWS WAF", 800),
        ("AWS Secrets Manager", 240), ("Amazon Route 53", 100), ("Unattributed", 2885),
    ]
    static let june2025Total = 31_454

    /// Monthly totals of the production account in cents, at the framework's milestones (section 1.3);
    /// months in between are interpolated, and after July 2026 it grows slowly.
    static let productionMilestones: [(year: Int, month: Int, cents: Int)] = [
        (2025, 6, 31_454), (2025, 10, 32_600), (2026, 1, 35_200), (2026, 7, 34_600), (2027, 7, 38_000),
    ]
    static let firebaseMilestones: [(year: Int, month: Int, cents: Int)] = [
        (2025, 6, 15_000), (2025, 10, 18_700), (2026, 1, 10_500), (2026, 7, 3_000), (2027, 7, 3_000),
    ]
    static let airtableMilestones: [(year: Int, month: Int, cents: Int)] = [
        (2025, 6, 12_000), (2025, 10, 13_800), (2026, 1, 15_000), (2026, 7, 18_000), (2027, 7, 18_500),
    ]

    /// Days with a spike: (day, service, factor).
    static let spikes: [(String, String, Int)] = [
        ("2025-09-14", "EC2 - NAT Gateway", 4), ("2026-02-03", "Amazon CloudWatch", 6),
        ("2026-05-21", "Amazon S3", 3), ("2026-10-09", "Firebase Realtime Database", 5),
    ]

    struct ConnectionCosts {
        let name: String
        let provider: String
        let environment: String
        /// The connection's services with their share of the monthly total.
        let services: [(name: String, category: String, share: Double)]
        let milestones: [(year: Int, month: Int, cents: Int)]
        /// Fraction of the milestone totals (staging and development are smaller copies of production).
        let scale: Double
        let seed: UInt64
        let exactJune: Bool
    }

    static var awsShares: [(String, String, Double)] {
        june2025.map { line in
            let category = TenancyDemo.awsServices.first(where: { $0.name == line.service })?.category ?? "Other"
            return (line.service, category, Double(line.cents) / Double(june2025Total))
        }
    }

    static let connections: [ConnectionCosts] = [
        ConnectionCosts(name: "Production AWS Account", provider: "AWS", environment: "production", services: awsShares,
                   milestones: productionMilestones, scale: 1.0, seed: 1, exactJune: true),
        ConnectionCosts(name: "Staging AWS Account", provider: "AWS", environment: "staging", services: awsShares,
                   milestones: productionMilestones, scale: 0.22, seed: 2, exactJune: false),
        ConnectionCosts(name: "Development AWS Account", provider: "AWS", environment: "development", services: awsShares,
                   milestones: productionMilestones, scale: 0.12, seed: 3, exactJune: false),
        ConnectionCosts(name: "Firebase", provider: "Google Cloud", environment: "production", services: [
            ("Firebase Authentication", "Identity", 0.25), ("Firebase Realtime Database", "Databases", 0.45),
            ("Cloud Storage for Firebase", "Storage", 0.12), ("Cloud Functions for Firebase", "Compute", 0.18),
        ], milestones: firebaseMilestones, scale: 1.0, seed: 4, exactJune: false),
        ConnectionCosts(name: "Airtable API", provider: "Airtable", environment: "production", services: [("Airtable API", "SaaS", 1.0)],
                   milestones: airtableMilestones, scale: 1.0, seed: 5, exactJune: false),
    ]

    /// The FOCUS CSV of one connection from June 2025 through `last`, of which only the first
    /// `hoursOfLastDay` hours (0…24) are charged: the day's cost times hours/24, to the cent.
    static func csv(for connection: ConnectionCosts, through last: LocalDate, hoursOfLastDay: Int = 24) -> [UInt8] {
        var out = Array(("BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
            + "ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ResourceId,Tags\n").utf8)
        var random = SplitMix64(seed: connection.seed &* 0x2545_F491_4F6C_DD1D)
        var month = LocalDate(iso: "2025-06-01")!
        while month <= last {
            let monthEnd = month.adding(months: 1).adding(days: -1)
            let days = LocalDate.daysIn(year: month.year, month: month.month)
            let total = connection.exactJune && month == LocalDate(iso: "2025-06-01")!
                ? june2025Total
                : Int((Double(monthlyCents(connection.milestones, month)) * connection.scale).rounded())
            for (index, service) in connection.services.enumerated() {
                let serviceCents = connection.exactJune && month.year == 2025 && month.month == 6
                    ? june2025[index].cents : Int((Double(total) * service.share).rounded())
                guard serviceCents > 0 else { continue }
                let daily = split(serviceCents, into: days, random: &random)
                for day in 0..<days {
                    let date = month.adding(days: day)
                    guard date <= last else { break }
                    let hours = date == last ? max(0, min(24, hoursOfLastDay)) : 24
                    var cents = daily[day] * hours / 24
                    for spike in spikes where spike.0 == date.iso && spike.1 == service.name && connection.environment == "production" {
                        cents *= spike.2
                    }
                    guard cents > 0 else { continue }
                    let amount = "\(cents / 100).\((cents % 100).zeroPadded(2))"
                    // Untagged: data transfer, unattributed charges, and the Lambda functions outside production (the
                    // framework's "auto-tag by function name pattern" is for them). The draw that once untagged one item
                    // in twenty is still made, so that every amount after it stays what it was.
                    let taggable = service.name != "Unattributed" && service.name != "AWS Data Transfer"
                    if taggable { _ = random.next() }
                    let tagged = taggable && !(service.name == "AWS Lambda" && connection.environment != "production")
                    let tags = tagged ? tagsJSON(service: service.name, category: service.category, environment: connection.environment) : "NULL"
                    let row = "\(month.iso) 00:00:00,\(monthEnd.adding(days: 1).iso) 00:00:00,\(date.iso) 00:00:00,"
                        + "\(chargeEnd(date, hours: hours)),\"\(service.name)\",\"\(service.category)\",\"\(connection.provider)\",Usage,"
                        + "\(amount),\(amount),\(amount),USD,\"\(connection.environment)/\(service.name)\",\(tags)\n"
                    out.append(contentsOf: row.utf8)
                }
            }
            month = month.adding(months: 1)
        }
        return out
    }

    /// The exclusive end of a charge that began at midnight and lasted `hours`.
    static func chargeEnd(_ day: LocalDate, hours: Int) -> String {
        hours == 24 ? "\(day.adding(days: 1).iso) 00:00:00" : "\(day.iso) \(hours.zeroPadded(2)):00:00"
    }

    /// Linear between the milestones around `month`.
    static func monthlyCents(_ milestones: [(year: Int, month: Int, cents: Int)], _ month: LocalDate) -> Int {
        let index = month.year * 12 + month.month
        for (a, b) in zip(milestones, milestones.dropFirst()) {
            let ia = a.year * 12 + a.month
            let ib = b.year * 12 + b.month
            if index >= ia && index <= ib {
                return a.cents + (b.cents - a.cents) * (index - ia) / (ib - ia)
            }
        }
        return milestones.last!.cents
    }

    /// `cents` over `days` with ±15 % daily noise, summing exactly to `cents` (largest remainders).
    static func split(_ cents: Int, into days: Int, random: inout SplitMix64) -> [Int] {
        let weights = (0..<days).map { _ in 0.85 + Double(random.next() % 3000) / 10_000 }
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(cents) * $0 / sum }
        var result = exact.map { Int($0.rounded(.down)) }
        let order = exact.enumerated().sorted { ($0.element - $0.element.rounded(.down)) > ($1.element - $1.element.rounded(.down)) }.map(\.offset)
        for i in 0..<(cents - result.reduce(0, +)) { result[order[i % days]] += 1 }
        return result
    }

    /// The framework's mandatory tags (section 2.2), as a quoted CSV field holding a JSON object.
    static func tagsJSON(service: String, category: String, environment: String) -> String {
        let (department, team, project): (String, String, String) = switch category {
        case "Databases": ("engineering", "data-team", "core-platform")
        case "Storage": ("engineering", "data-team", "core-platform")
        case "Management and Governance", "Security": ("operations", "devops-team", "maintenance")
        case "SaaS": ("product", "frontend-team", "analytics")
        default: ("engineering", "api-team", "core-platform")
        }
        let costCenter = ["engineering": "CC-1100", "product": "CC-2100", "operations": "CC-3100"][department]!
        return "\"{\"\"Environment\"\": \"\"\(environment)\"\", \"\"Department\"\": \"\"\(department)\"\", "
            + "\"\"Team\"\": \"\"\(team)\"\", \"\"Owner\"\": \"\"\(team)@distronation.com\"\", "
            + "\"\"Project\"\": \"\"\(project)\"\", \"\"CostCenter\"\": \"\"\(costCenter)\"\"}\""
    }
}

/// The demo connections' costs, imported as real files are (without the observers: the worker's
/// first evaluation pass, or `budgetd evaluate`, reads them like any other import).
public enum CostDataDemo {
    /// Each connection's costs from June 2025 to the last full hour before `now`; connections the
    /// demo does not know are left alone.
    /// - Returns: the imports, one per connection.
    @discardableResult
    public static func load(connections: [String: CSPConnection], now: Date, in db: Connection) throws -> [ImportSummary] {
        let today = LocalDate(now)
        let hoursToday = Int(now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) / 3_600)
        var summaries: [ImportSummary] = []
        for spec in DemoCosts.connections {
            guard let csp = connections[spec.name] else { continue }
            let bytes = DemoCosts.csv(for: spec, through: today, hoursOfLastDay: hoursToday)
            var offset = 0
            let request = ImportRequest(organizationId: csp.organizationId, connectionId: csp.id, fileName: "demo-\(spec.environment).csv",
                                        actor: nil, channel: .cli)
            summaries.append(try CostImporter(connection: db, now: { now }).run(request, read: { buffer in
                let n = min(buffer.count, bytes.count - offset)
                guard n > 0 else { return 0 }
                bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
                offset += n
                return n
            }))
        }
        return summaries
    }
}
