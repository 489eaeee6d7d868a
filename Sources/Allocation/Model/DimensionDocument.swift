import Foundation
public import JSON
import Kernel

/// A dimension as JSON: the API's shape, and (without id and times) what `allocation_dimensions`
/// keeps in `definition`. One encoder for both, so the stored document and the answer never drift.
public enum DimensionDocument {
    public static func json(_ dimension: AllocationDimension) -> JSONValue {
        .object(JSONObject([
            ("id", .string(dimension.id.lowercasedString)),
            ("name", .string(dimension.name)),
            ("tagKey", .string(dimension.tagKey)),
            ("sharedServices", .array(dimension.sharedServices.map(JSONValue.string))),
            ("sharedMethod", .string(dimension.sharedMethod.rawValue)),
            ("fixedShares", dimension.sharedMethod == .fixed
                ? .object(JSONObject(dimension.fixedShares.map { ($0.value, .number(JSONNumber(decimal: $0.percent))) })) : .null),
            ("metric", dimension.metric.map(JSONValue.string) ?? .null),
            ("rules", .array(dimension.rules.map(rule))),
            ("owners", .object(JSONObject(dimension.owners.map { ($0.value, .string($0.email)) }))),
            ("keepsUnallocated", .bool(dimension.keepsUnallocated)),
            ("createdAt", .string(UTCTimestamp.iso8601(dimension.createdAt))),
            ("updatedAt", .string(UTCTimestamp.iso8601(dimension.updatedAt))),
        ]))
    }

    static func rule(_ rule: AssignmentRule) -> JSONValue {
        let match: JSONValue
        switch rule.match {
        case .connection(let id): match = ["connectionId": .string(id.lowercasedString)]
        case .serviceName(let name): match = ["serviceName": .string(name)]
        case .resourceIdGlob(let glob): match = ["resourceIdGlob": .string(glob.pattern)]
        case .tag(let key, let value): match = ["tag": ["key": .string(key), "value": .string(value)]]
        }
        return ["match": match, "value": .string(rule.value)]
    }

    /// Reads back what `json` wrote (the stored definition); members that are missing take their defaults.
    static func dimension(id: UUID, name: String, tagKey: String, method: SharedMethod, metric: String?, keepsUnallocated: Bool,
                          definition: JSONValue, createdAt: Date, updatedAt: Date) -> AllocationDimension {
        let rules: [AssignmentRule] = (definition["rules"]?.arrayValue ?? []).compactMap { item in
            guard let value = item["value"]?.stringValue, let match = item["match"] else { return nil }
            if let id = match["connectionId"]?.stringValue.flatMap(UUID.init(canonical:)) {
                return AssignmentRule(match: .connection(id), value: value)
            }
            if let name = match["serviceName"]?.stringValue { return AssignmentRule(match: .serviceName(name), value: value) }
            if let glob = match["resourceIdGlob"]?.stringValue { return AssignmentRule(match: .resourceIdGlob(Glob(glob)), value: value) }
            if let key = match["tag"]?["key"]?.stringValue, let tagValue = match["tag"]?["value"]?.stringValue {
                return AssignmentRule(match: .tag(key: key, value: tagValue), value: value)
            }
            return nil
        }
        let shares: [(value: String, percent: Decimal)] = (definition["fixedShares"]?.objectValue.map(Array.init) ?? []).compactMap { member in
            member.value.numberValue.flatMap { Decimal(jsonNumber: $0.text) }.map { (value: member.key, percent: $0) }
        }
        let owners: [(value: String, email: String)] = (definition["owners"]?.objectValue.map(Array.init) ?? []).compactMap { member in
            member.value.stringValue.map { (value: member.key, email: $0) }
        }
        return AllocationDimension(id: id, name: name, tagKey: tagKey,
                                   sharedServices: definition["sharedServices"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                                   sharedMethod: method, fixedShares: shares, metric: metric, rules: rules, owners: owners,
                                   keepsUnallocated: keepsUnallocated, createdAt: createdAt, updatedAt: updatedAt)
    }
}
