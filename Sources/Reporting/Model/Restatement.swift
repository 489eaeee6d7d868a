public import Foundation
public import JSON
public import Kernel

/// How the live report differs from an issued version: the cost of each service line (and the
/// totals) compared, read from the two JSON documents so that any issued version can be compared.
public struct Restatement: Sendable, Equatable {
    public struct Difference: Sendable, Equatable {
        public let currency: String
        public let connectionName: String
        public let serviceName: String
        /// live − issued, in cents.
        public let amount: Cents
    }

    public let version: Int
    public let issuedAt: Date
    public let differences: [Difference]
    /// Per currency, live total − issued total.
    public let totals: [String: Cents]

    public var isRestated: Bool { !differences.isEmpty || totals.values.contains { $0 != .zero } }

    public static func compare(live: JSONValue, issued: JSONValue, version: Int, issuedAt: Date) -> Restatement {
        let now = lines(live)
        let then = lines(issued)
        var differences: [Difference] = []
        for key in Set(now.keys).union(then.keys) {
            let delta = (now[key] ?? .zero) - (then[key] ?? .zero)
            guard delta != .zero else { continue }
            differences.append(Difference(currency: key.currency, connectionName: key.connection, serviceName: key.service, amount: delta))
        }
        differences.sort { (abs($1.amount.value), $0.serviceName) < (abs($0.amount.value), $1.serviceName) }
        var totals: [String: Cents] = [:]
        let liveTotals = totalsByCurrency(live)
        let issuedTotals = totalsByCurrency(issued)
        for currency in Set(liveTotals.keys).union(issuedTotals.keys) {
            totals[currency] = (liveTotals[currency] ?? .zero) - (issuedTotals[currency] ?? .zero)
        }
        return Restatement(version: version, issuedAt: issuedAt, differences: differences, totals: totals)
    }

    private struct Key: Hashable {
        let currency: String
        let connection: String
        let service: String
    }

    private static func lines(_ document: JSONValue) -> [Key: Cents] {
        var result: [Key: Cents] = [:]
        for section in document["currencies"]?.arrayValue ?? [] {
            let currency = section["currency"]?.stringValue ?? ""
            for line in section["services"]?.arrayValue ?? [] {
                let key = Key(currency: currency, connection: line["connectionName"]?.stringValue ?? "",
                              service: line["serviceName"]?.stringValue ?? "")
                result[key, default: .zero] += cents(line["cost"])
            }
        }
        return result
    }

    private static func totalsByCurrency(_ document: JSONValue) -> [String: Cents] {
        var result: [String: Cents] = [:]
        for section in document["currencies"]?.arrayValue ?? [] {
            result[section["currency"]?.stringValue ?? ""] = cents(section["totalCost"])
        }
        return result
    }

    private static func cents(_ value: JSONValue?) -> Cents {
        guard case .number(let number)? = value, let decimal = Decimal(string: number.text) else { return .zero }
        return Cents(rounding: decimal)
    }
}
