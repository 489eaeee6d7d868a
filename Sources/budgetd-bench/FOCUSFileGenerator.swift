import ArgumentParser
import Foundation
import Kernel

/// `budgetd-bench generate-focus`: a FOCUS 1.0 file of any size, shaped like the real sample
/// (44 columns, quoted text, unquoted NULLs, 11-decimal costs, JSON tags, credits), deterministic
/// for a given seed. Rows spread over the days of `--months` billing periods.
struct FOCUSFileGenerator: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate-focus", abstract: "Write a generated FOCUS CSV file.")

    @Option(help: "Number of rows.") var rows: Int = 1_000_000
    @Option(help: "Output file.") var out: String
    @Option(help: "First billing month, YYYY-MM.") var start: String = "2025-01"
    @Option(help: "Billing months covered.") var months: Int = 3
    @Option(help: "Distinct services.") var services: Int = 40
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Distinct resources, each billed on many rows as real bills are (default: a resource per row, the worst case).")
    var resources: Int?

    static let header = [
        "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd",
        "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
        "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId",
        "ResourceName", "ResourceType", "ServiceCategory", "Id", "ServiceName", "SkuId", "SkuPriceId", "SubAccountId",
        "SubAccountName", "Tags",
    ]

    func run() throws {
        guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
            fail("cannot write \(out)")
        }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        let parts = start.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { fail("--start must be YYYY-MM") }
        var random = SplitMix64(seed: seed)
        var buffer = Self.header.map { "\"\($0)\"" }.joined(separator: ",") + "\n"
        let categories = ["Compute", "Storage", "Networking", "Databases", "Management and Governance", "Integration"]
        for i in 0..<rows {
            let month = i % months
            let year = parts[0] + (parts[1] - 1 + month) / 12
            let m = (parts[1] - 1 + month) % 12 + 1
            let nextYear = m == 12 ? year + 1 : year
            let nextMonth = m == 12 ? 1 : m + 1
            let day = Int(random.next() % 28) + 1
            let hour = Int(random.next() % 24)
            // With --resources, a resource keeps its service and its environment, as in a real bill.
            let resource = resources.map { i % $0 }
            let drawn = Int(random.next() % UInt64(services))
            let service = resource.map { $0 % services } ?? drawn
            let cost = Double(random.next() % 10_000_000) / 1e7 * (random.next() % 50 == 0 ? -1 : 1)
            let billed = String(format: "%.11f", cost)
            let period = String(format: "\"%04d-%02d-01 00:00:00\"", year, m)
            let periodEnd = String(format: "\"%04d-%02d-01 00:00:00\"", nextYear, nextMonth)
            let chargeStart = String(format: "\"%04d-%02d-%02d %02d:00:00\"", year, m, day, hour)
            let chargeEnd = String(format: "\"%04d-%02d-%02d %02d:00:00\"", year, m, day, min(hour + 1, 23))
            let drawnEnvironment = Int(random.next() % 3)
            let env = ["production", "staging", "development"][resource.map { $0 / services % 3 } ?? drawnEnvironment]
            let tags = random.next() % 10 == 0 ? "NULL" : "\"{\"\"environment\"\": \"\"\(env)\"\", \"\"team\"\": \"\"team-\(service % 7)\"\"}\""
            let fields: [String] = [
                "NULL", billed, "\"1234567890123\"", "\"SunBird\"", "\"USD\"", periodEnd, period, cost < 0 ? "\"Credit\"" : "\"Usage\"", "NULL",
                "\"Usage of service \(service), \"\"tier\"\" \(i % 5)\"", "\"Usage-Based\"", chargeEnd, chargeStart, "NULL", "NULL", "NULL", "NULL",
                "NULL", String(format: "%.15f", Double(random.next() % 1000)), "\"Hours\"", "0.00000000000", "0.00000000000", billed,
                "\"Amazon Web Services, Inc.\"", billed, "\"0.0000004\"", "\"Standard\"", "1.00000000000", "\"Hours\"", "\"AWS\"",
                "\"Amazon Web Services, Inc.\"", "\"us-west-2\"", "\"US West (Oregon)\"",
                "\"arn:aws:ec2:us-west-2:1234:instance/i-\(String(resource ?? i, radix: 16))\"",
                "NULL", "NULL", "\"\(categories[service % categories.count])\"", String(i), "\"Service \(service)\"", "\"SKU\(service)\"",
                "\"SKU\(service).PRICE\"", "\"51738928782\"", "\"Atlas Nimbus\"", tags,
            ]
            buffer += fields.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
