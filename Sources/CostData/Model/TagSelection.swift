/// A selection of cost by tags, normalized: a line item is selected when it carries every term's
/// key (keys AND) with one of that term's values (values OR), compared as `TagKey` says.
///
/// Terms are in key order and their values sorted, so two budgets that select the same costs
/// however they spelled it (`user:Department: Engineering` and `department: engineering`) have equal
/// selections, and one query reads their spend once.
public struct TagSelection: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        /// `TagKey.normalized`.
        public let key: String
        /// Matchable values (`TagFilter.normalizedValues`), sorted; never empty.
        public let values: [String]
    }

    public let terms: [Term]

    /// Filters naming one key twice are both required: the term keeps the values common to them
    /// (none in common: a term that selects nothing). Validation refuses that; this is only defined.
    public init(_ filters: [TagFilter]) {
        var byKey: [String: Set<String>] = [:]
        for filter in filters {
            let values = Set(filter.normalizedValues)
            byKey[filter.normalizedKey] = byKey[filter.normalizedKey].map { $0.intersection(values) } ?? values
        }
        terms = byKey.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { Term(key: $0.key, values: $0.value.sorted()) }
    }

    /// No filter: every cost of the scope.
    public var isEmpty: Bool { terms.isEmpty }

    /// Whether a line item with these tags is selected (no tags: only by an empty selection).
    public func matches(_ tags: TagSet?) -> Bool {
        terms.allSatisfy { term in
            guard let tag = tags?.tags.first(where: { $0.key == term.key }) else { return false }
            return term.values.contains(TagFilter.matchable(tag.value))
        }
    }
}
