import Foundation
import Kernel

/// One tag that spend is selected by: the line items whose tag `key` has one of `values` (a budget's
/// `tagFilters`). Kept as its owner wrote it, for people; compared as `TagKey` says, so
/// `user:Department` selects `department` and `Engineering` selects `engineering `.
public struct TagFilter: Sendable, Hashable {
    /// As written (`Department`).
    public var key: String
    /// As written, trimmed, each once (as `TagKey` compares them), in the order given.
    public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// `TagKey.normalized`: what `cost_tag_values.tag_key` holds.
    public var normalizedKey: String { TagKey.normalized(key) }

    /// Each value as `cost_tag_values.tag_value` holds it: `TagKey.normalizedValue`, on its first
    /// 256 code points (`TagSet.maximumValueLength`); each once, sorted.
    public var normalizedValues: [String] { Array(Set(values.map(TagFilter.matchable))).sorted() }

    /// `Department: engineering, product`, as the pages and reports write it.
    public var label: String { "\(key): \(valuesText)" }

    /// The values separated by commas as people write lists; a value that holds a comma or starts
    /// with a quote is in double quotes, a quote inside doubled (`"R&D, Europe", ops`), as
    /// spreadsheets write CSV cells, so the text says exactly which values there are (the budget
    /// form reads it back).
    public var valuesText: String {
        values.map { value in
            value.contains(",") || value.hasPrefix("\"") ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ", ")
    }

    /// A value as stored for matching.
    static func matchable(_ value: String) -> String {
        TagKey.normalizedValue(value).prefix(scalars: TagSet.maximumValueLength)
    }
}

extension [TagFilter] {
    /// `Department: engineering; Team: core`; empty without filters.
    public var label: String { map(\.label).joined(separator: "; ") }
}
