import CostData
import Kernel

extension BudgetValidator {
    public static let maximumTagFilters = 10
    /// What `cost_tag_values` holds of a key and a value (`TagSet`): a longer one could never match.
    public static let maximumTagKeyLength = TagSet.maximumKeyLength
    public static let maximumTagValues = 100
    public static let maximumTagValueLength = TagSet.maximumValueLength

    /// A budget's tag filters: each key once as `TagKey` matches keys (`user:Department` is
    /// `department`), each with one value or more; values trimmed and each kept once as `TagKey`
    /// matches values (the first spelling stays). Keys and values are printable text, their lengths
    /// counted in code points as sent, as the OpenAPI document's `maxLength` counts.
    func tagFilters(_ inputs: [BudgetInput.TagFilterInput]?, _ errors: inout FieldErrors) -> [TagFilter] {
        guard let inputs else { return [] }
        if inputs.count > Self.maximumTagFilters {
            errors.add("tagFilters", "must have at most \(Self.maximumTagFilters) tag filters")
            return []
        }
        var filters: [TagFilter] = []
        var firstWithKey: [String: Int] = [:]
        for (i, input) in inputs.enumerated() {
            let prefix = "tagFilters[\(i)]"
            let key = text(input.key, "\(prefix).key", maximum: Self.maximumTagKeyLength,
                           missing: "is required: the tag's name, such as Department", &errors)
            if let key {
                let normalized = TagKey.normalized(key)
                if normalized.isEmpty {
                    errors.add("\(prefix).key", "names no tag: keys are matched without AWS's user: prefix")
                } else if let first = firstWithKey[normalized] {
                    errors.add("\(prefix).key", "is the same key as tagFilters[\(first)].key (keys match without user: and ignoring case)")
                } else {
                    firstWithKey[normalized] = i
                }
            }
            let values = self.values(input.values, prefix, &errors)
            if let key, !values.isEmpty { filters.append(TagFilter(key: key, values: values)) }
        }
        return filters
    }

    private func values(_ texts: [String]?, _ prefix: String, _ errors: inout FieldErrors) -> [String] {
        let field = "\(prefix).values"
        guard let texts, !texts.isEmpty else {
            errors.add(field, "must list at least one value, such as engineering")
            return []
        }
        if texts.count > Self.maximumTagValues {
            errors.add(field, "must list at most \(Self.maximumTagValues) values")
            return []
        }
        var values: [String] = []
        var seen: Set<String> = []
        for (j, text) in texts.enumerated() {
            guard let value = self.text(text, "\(field)[\(j)]", maximum: Self.maximumTagValueLength, missing: "must not be empty", &errors)
            else { continue }
            if seen.insert(TagKey.normalizedValue(value)).inserted { values.append(value) }
        }
        return values
    }

    /// Trimmed printable text of at most `maximum` code points as sent; `nil` after reporting why not.
    /// Unlike a budget's name, control characters are refused around the text too, as the OpenAPI
    /// document's pattern refuses them.
    private func text(_ text: String?, _ field: String, maximum: Int, missing: String, _ errors: inout FieldErrors) -> String? {
        let trimmed = text?.trimmingWhitespaceAndNewlines() ?? ""
        guard !trimmed.isEmpty else {
            errors.add(field, missing)
            return nil
        }
        let length = (text ?? "").unicodeScalars.count
        if length > maximum {
            errors.add(field, "must be at most \(maximum) characters (it has \(length))")
            return nil
        }
        // As sent, as the document's pattern judges it: a tab around a value is a control character too.
        if let problem = (text ?? "").nameProblem {
            errors.add(field, problem)
            return nil
        }
        return trimmed
    }
}
