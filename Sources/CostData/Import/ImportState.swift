import Kernel
import Tenancy
import CSVStream
import Foundation
import JSON
import MariaDB
import Persistence

/// One row ready for `CostRowWriter`, but for its service's catalogue id, which the writing side
/// fills in (it may have to add the service to the catalogue first).
struct ParsedRow: Sendable {
    var values: [SQLValue]
    let serviceName: String
    let serviceCategory: String?
    /// The row's tags, normalized; the writing side puts the set's id in `values`.
    let tagSet: TagSet?
    /// What the rollups by tag set and by resource need of the row, kept typed.
    let rollup: RollupFacts
    /// The billing period, when this row is the first of the import to name it.
    let firstOfPeriod: LocalDate?
    /// The file's line the row starts on, for a problem found only when it is written.
    let line: Int
    /// About what the row's values weigh on the wire.
    let boundBytes: Int
    /// Where in `values` the service id goes.
    static let serviceIdColumn = 1
    /// Where in `values` the tag set's id goes.
    static let tagSetIdColumn = 17
}

/// What an import has read so far: rows, totals, periods, providers, and problems. Pure: it
/// never touches the database, so it can run on the thread that reads the file.
struct ImportState: Sendable {
    let connection: CSPConnection
    /// Set when the import's record exists, before the first row is read.
    var importId: Int64
    let columns: FOCUSColumns

    var rows = 0
    /// Exact sums in units of 10⁻¹¹.
    var billedTotal: Int128 = 0
    var effectiveTotal: Int128 = 0
    var billingPeriods: Set<LocalDate> = []
    var rowsByProvider: [String: Int] = [:]
    var problems: [ImportError.RowProblem] = []
    /// Rows with an amount given to more than 11 decimal places, rounded to 11 (half away from zero).
    var roundedRows = 0
    /// `Tags` texts already checked, with their normalized set: files repeat a resource's tags on
    /// every row, so most rows are neither parsed nor normalized again.
    private var tagSets: [String: TagSet?] = [:]
    private static let maximumRememberedTags = 4096

    /// The largest `Tags` object accepted, in bytes: tags are labels, and a batch of rows must fit
    /// in one statement to the server.
    static let maximumTagsBytes = 65_536
    /// MariaDB's JSON check refuses documents nested 32 levels or deeper; refusing them here makes
    /// such a row a 400 naming its line, never a database error.
    static let maximumTagsDepth = 31

    init(connection: CSPConnection, importId: Int64, columns: FOCUSColumns) {
        self.connection = connection
        self.importId = importId
        self.columns = columns
    }

    /// The row, or `nil` after recording its problems.
    mutating func parse(_ csv: CSVReader) -> ParsedRow? {
        let line = csv.recordLine
        guard csv.fieldCount == columns.count else {
            problem(line, nil, "has \(csv.fieldCount) fields, but the header has \(columns.count)")
            return nil
        }
        let before = problems.count
        let billingStart = timestamp(csv, columns.billingPeriodStart, "BillingPeriodStart", line)
        let billingEnd = timestamp(csv, columns.billingPeriodEnd, "BillingPeriodEnd", line)
        let chargeStart = timestamp(csv, columns.chargePeriodStart, "ChargePeriodStart", line)
        let chargeEnd = timestamp(csv, columns.chargePeriodEnd, "ChargePeriodEnd", line)
        let billed = amount(csv, columns.billedCost, "BilledCost", line, required: true)
        let effective = amount(csv, columns.effectiveCost, "EffectiveCost", line, required: true)
        let list = columns.listCost.flatMap { amount(csv, $0, "ListCost", line, required: false) }
        let currency = text(csv, columns.billingCurrency)
        if let currency, currency != connection.currency {
            problem(line, "BillingCurrency",
                    "\(currency), but this connection bills in \(connection.currency); rows in another currency are refused, never mixed")
        } else if currency == nil {
            problem(line, "BillingCurrency", "is empty")
        }
        let serviceName = text(csv, columns.serviceName)
        if serviceName == nil { problem(line, "ServiceName", "is empty") }
        if let serviceName, serviceName.unicodeScalars.count > 255 { problem(line, "ServiceName", "is longer than 255 characters") }
        if let chargeStart, let chargeEnd, chargeEnd < chargeStart {
            problem(line, "ChargePeriodEnd", "is before ChargePeriodStart")
        }
        let resourceId = columns.resourceId.flatMap { text(csv, $0) }
        for (index, name) in columns.textColumns where hasControlCharacters(csv, index) {
            problem(line, name, "contains a control character (such as NUL); only printable text, tabs and line breaks are accepted")
        }
        if let resourceId, resourceId.utf8.count > 1024 { problem(line, "ResourceId", "is longer than 1024 bytes") }
        let tags = columns.tags.flatMap { self.tags(csv, $0, line) }
        guard problems.count == before, let billingStart, let billingEnd, let chargeStart, let chargeEnd, let billed, let effective,
            let currency, let serviceName
        else { return nil }

        let category = columns.serviceCategory.flatMap { text(csv, $0) }?.prefix(scalars: 100)
        let provider = columns.providerName.flatMap { text(csv, $0) }
        // FOCUSValues.timestamp only lets real days through.
        let period = LocalDate(iso: String(billingStart.prefix(10)))
        let firstOfPeriod = period.flatMap { billingPeriods.insert($0).inserted ? $0 : nil }
        rows += 1
        if billed.wasRounded || effective.wasRounded || list?.wasRounded == true { roundedRows += 1 }
        billedTotal += billed.scaled
        effectiveTotal += effective.scaled
        rowsByProvider[provider ?? "unknown", default: 0] += 1
        let values: [SQLValue] = [
            connection.id.sqlValue, .null, .text(String(billingStart.prefix(10))), .text(String(billingEnd.prefix(10))),
            .text(chargeStart), .text(chargeEnd), .text(serviceName), category.map(SQLValue.text) ?? .null,
            provider.map { .text($0.prefix(scalars: 100)) } ?? .null,
            columns.chargeCategory.flatMap { text(csv, $0) }.map { .text($0.prefix(scalars: 50)) } ?? .null,
            .text(billed.text), .text(effective.text), list.map { .text($0.text) } ?? .null, .text(currency),
            resourceId.map(SQLValue.text) ?? .null, tags.map { SQLValue.text($0.text) } ?? .null, .int(importId), .null,
        ]
        let facts = RollupFacts(period: String(billingStart.prefix(10)), day: String(chargeStart.prefix(10)), currency: currency,
                                resourceId: resourceId, billed: billed.scaled, effective: effective.scaled)
        return ParsedRow(values: values, serviceName: serviceName, serviceCategory: category, tagSet: tags?.set, rollup: facts,
                         firstOfPeriod: firstOfPeriod,
                         line: line, boundBytes: csv.recordBytes + 64)
    }

    /// Warnings for the summary: rows billed by another provider than the connection's, and
    /// amounts rounded to the 11 decimal places that are kept.
    func warnings() -> [String] {
        var warnings: [String] = []
        if connection.provider != .other {
            warnings += rowsByProvider.sorted { $0.key < $1.key }.compactMap { name, count in
                guard let provider = ImportState.provider(named: name), provider != connection.provider else { return nil }
                return "\(count) row\(count == 1 ? "" : "s") billed by \(name), not \(connection.provider.label); "
                    + "they count toward this connection's budgets"
            }
        }
        if roundedRows > 0 {
            warnings.append("\(roundedRows) row\(roundedRows == 1 ? " has" : "s have") an amount with more than 11 decimal places; "
                            + "it was rounded half away from zero to 11 places, which is what budgetd keeps")
        }
        return warnings
    }

    static func provider(named name: String) -> Provider? {
        let lower = name.lowercased()
        if lower.contains("aws") || lower.contains("amazon") { return .aws }
        if lower.contains("microsoft") || lower.contains("azure") { return .azure }
        if lower.contains("google") || lower.contains("gcp") { return .gcp }
        if lower.contains("oracle") || lower.contains("oci") { return .oci }
        return nil
    }

    // MARK: - Fields

    /// The field's text; `nil` for an empty field or an unquoted `NULL`.
    private func text(_ csv: CSVReader, _ index: Int) -> String? {
        if csv.isEmpty(index) { return nil }
        if !csv.isQuoted(index), csv.withField(index, { $0.elementsEqual("NULL".utf8) }) { return nil }
        return csv.string(index)
    }

    private mutating func timestamp(_ csv: CSVReader, _ index: Int, _ column: String, _ line: Int) -> String? {
        guard text(csv, index) != nil else {
            problem(line, column, "is empty")
            return nil
        }
        guard let value = csv.withField(index, FOCUSValues.timestamp) else {
            problem(line, column, "\"\((csv.string(index) ?? "?").prefix(scalars: 40))\" is not a UTC timestamp "
                    + "from the years 2000 to 2100, such as 2024-09-18 22:00:00")
            return nil
        }
        return value
    }

    private mutating func amount(_ csv: CSVReader, _ index: Int, _ column: String, _ line: Int, required: Bool) -> FixedAmount? {
        guard text(csv, index) != nil else {
            if required { problem(line, column, "is empty") }
            return nil
        }
        guard let value = csv.withField(index, { FixedAmount($0) }) else {
            problem(line, column, "\"\((csv.string(index) ?? "?").prefix(scalars: 40))\" is not a decimal amount")
            return nil
        }
        return value
    }

    /// The cell's text as it is stored, and its tags normalized (`nil` when it holds none).
    private mutating func tags(_ csv: CSVReader, _ index: Int, _ line: Int) -> (text: String, set: TagSet?)? {
        guard let text = text(csv, index) else { return nil }
        if let known = tagSets[text] { return (text, known) }
        guard text.utf8.count <= ImportState.maximumTagsBytes else {
            problem(line, "Tags", "is larger than \(ImportState.maximumTagsBytes / 1024) KiB")
            return nil
        }
        do {
            guard let object = try JSONParser.parse(text, maximumDepth: ImportState.maximumTagsDepth).objectValue else {
                problem(line, "Tags", "is not a JSON object")
                return nil
            }
            let set = TagSet(object)
            if tagSets.count >= ImportState.maximumRememberedTags { tagSets.removeAll(keepingCapacity: true) }
            tagSets[text] = .some(set.isEmpty ? nil : set)
            return (text, set.isEmpty ? nil : set)
        } catch {
            problem(line, "Tags", error.isTooDeep
                ? "nests deeper than \(ImportState.maximumTagsDepth) levels, which the database cannot store"
                : "is not a JSON object (\(error.message))")
            return nil
        }
    }

    /// Bytes below 0x20 other than tab, line feed and carriage return (a NUL, say).
    private func hasControlCharacters(_ csv: CSVReader, _ index: Int) -> Bool {
        csv.withField(index) { field in
            field.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
    }

    private mutating func problem(_ line: Int, _ column: String?, _ message: String) {
        guard problems.count < CostImporter.maximumProblems else { return }
        problems.append(.init(line: line, column: column, problem: message))
    }
}

/// The multi-row INSERT for cost line items.
enum CostRowWriter {
    static let columns = [
        "csp_connection_id", "service_id", "billing_period_start", "billing_period_end", "charge_period_start", "charge_period_end",
        "service_name", "service_category", "provider_name", "charge_category", "billed_cost", "effective_cost", "list_cost",
        "billing_currency", "resource_id", "tags", "import_id", "tag_set_id",
    ]

    static func insert(rows: Int, values: [SQLValue]) -> SQLQuery {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO cost_line_items (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
        return SQLQuery(sql: sql, binds: values)
    }
}

extension CostRowWriter {
    /// The FOCUS column behind each stored column, for naming what the database refused.
    static let focusNames: [String: String] = [
        "billing_period_start": "BillingPeriodStart", "billing_period_end": "BillingPeriodEnd",
        "charge_period_start": "ChargePeriodStart", "charge_period_end": "ChargePeriodEnd", "service_name": "ServiceName",
        "service_category": "ServiceCategory", "provider_name": "ProviderName", "charge_category": "ChargeCategory",
        "billed_cost": "BilledCost", "effective_cost": "EffectiveCost", "list_cost": "ListCost", "billing_currency": "BillingCurrency",
        "resource_id": "ResourceId", "tags": "Tags",
    ]

    /// A row the database refused, as a problem of the file: the column comes from the server's
    /// message (`column 'tags'`, or a check named `cost_line_items.tags`) when it names one.
    static func problem(_ error: MariaDBError, line: Int) -> ImportError.RowProblem {
        let message = error.message
        let column = focusNames.first { stored, _ in
            message.contains("'\(stored)'") || message.contains("`\(stored)`") || message.contains("cost_line_items.\(stored)")
        }?.value
        return ImportError.RowProblem(line: line, column: column, problem: "the database refused this value (\(message.prefix(120)))")
    }
}
