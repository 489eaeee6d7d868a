import Foundation
import JSON
import Kernel
import MariaDB
import Persistence

/// A budget row's `rules`, `recipients` and `services` columns: JSON arrays built by MariaDB
/// (`JSON_ARRAYAGG`, in the relations' order), every value a string so that amounts and ids arrive
/// exactly as stored. A column that does not parse, or an object without a field, is a
/// `StorageError` naming the column: never a budget with fewer rules than it has.
struct BudgetRelationsJSON {
    let rules: [ThresholdRule]
    let recipients: [AlertRecipient]
    let services: [SelectedService]

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
