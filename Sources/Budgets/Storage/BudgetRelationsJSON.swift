import CostData
import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// A budget row's `rules`, `recipients`, `services` and `tag_filters` columns: JSON arrays built by MariaDB
/// (`JSON_ARRAYAGG`, in the relations' order), every value a string so that amounts and ids arrive
/// exactly as stored. A column that does not parse, or an object without a field, is a
/// `StorageError` naming the column: never a budget with fewer rules than it has.
struct BudgetRelationsJSON {
    let rules: [ThresholdRule]
    let recipients: [AlertRecipient]
    let services: [SelectedService]
    let tagFilters: [TagFilter]

    init(row: Row) throws(StorageError) {
        rules = try Self.objects(row, "rules") { object in
            guard let id = object.uuid("id"), let percentage = object.decimal("percentage"), let amount = object.decimal("amount"),
                  let trigger = object.text("triggerType").flatMap(TriggerType.init(rawValue:)),
                  let basis = object.text("basis").flatMap(ThresholdRule.Basis.init(rawValue:))
            else { return nil }
            return ThresholdRule(id: id, percentage: percentage, amount: amount, triggerType: trigger, basis: basis)
        }
        recipients = try Self.objects(row, "recipients") { object in
            guard let id = object.uuid("id"), let email = object.text("email") else { return nil }
            return AlertRecipient(id: id, email: email)
        }
        services = try Self.objects(row, "services") { object in
            guard let id = object.uuid("id"), let name = object.text("serviceName"), let selected = object.text("selected") else { return nil }
            return SelectedService(id: id, serviceName: name, selected: selected == "true")
        }
        tagFilters = try Self.objects(row, "tag_filters") { object in
            guard let key = object.text("key"), let values = object["values"].flatMap(Self.strings) else { return nil }
            return TagFilter(key: key, values: values)
        }
    }

    /// One `t_budget_tag_filters` row, its values a JSON array of strings.
    static func tagFilter(key: String, values text: String) throws(StorageError) -> TagFilter {
        guard let values = (try? JSONParser.parse(text)).flatMap(strings) else {
            throw StorageError.unexpectedValue(column: "tag_values", value: text)
        }
        return TagFilter(key: key, values: values)
    }

    /// An array of strings, or `nil` for anything else (an empty array included: a filter has values).
    private static func strings(_ json: JSONValue) -> [String]? {
        guard let items = json.arrayValue, !items.isEmpty else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    /// The column's array, each object decoded; NULL (no related rows) is an empty array.
    private static func objects<T>(_ row: Row, _ column: String, _ decode: (JSONValue) -> T?) throws(StorageError) -> [T] {
        guard let text = row[column] else { return [] }
        guard let items = (try? JSONParser.parse(text))?.arrayValue else { throw StorageError.unexpectedValue(column: column, value: text) }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let value = decode(item) else { throw StorageError.unexpectedValue(column: column, value: text) }
            result.append(value)
        }
        return result
    }
}

private extension JSONValue {
    func text(_ key: String) -> String? { self[key]?.stringValue }
    func uuid(_ key: String) -> UUID? { text(key).flatMap(UUID.init(canonical:)) }
    func decimal(_ key: String) -> Decimal? { text(key).flatMap { Decimal(databaseText: $0) } }
}
