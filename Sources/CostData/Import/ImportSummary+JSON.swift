import Kernel
import Foundation
public import JSON

extension ImportSummary {
    /// The summary as the API answers it.
    public var json: JSONValue {
        .object([
            "importId": .number(JSONNumber(Int(id))),
            "cspConnectionId": .string(connectionId.uuidString.lowercased()),
            "fileName": .string(fileName),
            "checksum": .string(checksum),
            "bytes": .number(JSONNumber(bytes)),
            "compressed": .bool(compressed),
            "rows": .number(JSONNumber(rows)),
            "billingPeriods": .array(billingPeriods.map { .string($0.iso) }),
            "replacedRows": .number(JSONNumber(replacedRows)),
            "replacedImports": .array(replacedImports.map { .number(JSONNumber(Int($0))) }),
            "billedTotal": .number(JSONNumber(decimal: billedTotal)),
            "effectiveTotal": .number(JSONNumber(decimal: effectiveTotal)),
            "servicesAdded": .array(servicesAdded.map(JSONValue.string)),
            "rowsByProvider": .object(JSONObject(rowsByProvider.sorted { $0.key < $1.key }.map { ($0.key, .number(JSONNumber($0.value))) })),
            "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }
}
