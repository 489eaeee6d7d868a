import Foundation
import Kernel

/// Turns a `DimensionInput` into a dimension, or every problem at once, each naming its field:
/// fixed percentages must add up to 100, a rule must match on exactly one thing, and every value a
/// dimension names (fixed shares, rules, owners) must be one the tag policy allows for its key.
struct DimensionValidator {
    let allowedValues: [String]?
    let connectionIds: Set<UUID>

    func validate(_ input: DimensionInput, errors: inout FieldErrors) -> Draft? {
        let name = FieldRules.name(input.name, field: "name", maximum: AllocationDimension.maximumNameLength, errors: &errors)
        let tagKey = FieldRules.name(input.tagKey, field: "tagKey", maximum: TagPolicy.maximumKeyLength, errors: &errors)
        var method = SharedMethod.proportional
        if let text = input.sharedMethod {
            if let parsed = SharedMethod(rawValue: text) { method = parsed } else {
                errors.add("sharedMethod", "must be one of proportional, even, fixed, metric")
            }
        }
        let shared = sharedServices(input.sharedServices ?? [], errors: &errors)
        let shares = fixedShares(input.fixedShares, method: method, errors: &errors)
        var metric: String?
        if method == .metric {
            if let text = input.metric, UsageFigure.isMetricName(text) { metric = text } else {
                errors.add("metric", input.metric == nil ? "is required with sharedMethod metric: the usage metric's name, such as apiCalls"
                    : "must be a name of letters, digits and _ starting with a letter, at most 64 characters (such as apiCalls)")
            }
        } else if input.metric != nil {
            errors.add("metric", "applies only with sharedMethod metric")
        }
        let rules = self.rules(input.rules ?? [], errors: &errors)
        var owners: [(value: String, email: String)] = []
        if (input.owners?.count ?? 0) > AllocationDimension.maximumValues {
            errors.add("owners", "must name at most \(AllocationDimension.maximumValues) owners")
        }
        for (value, email) in input.owners ?? [] {
            let field = "owners.\(value)"
            guard let checked = self.value(value, field: field, errors: &errors) else { continue }
            if owners.contains(where: { TagKey.normalizedValue($0.value) == TagKey.normalizedValue(checked) }) {
                errors.add(field, "names the same value as another owner")
                continue
            }
            if let address = FieldRules.email(email, field: field, errors: &errors) { owners.append((checked, address)) }
        }
        guard let name, let tagKey, errors.isEmpty else { return nil }
        return Draft(name: name, tagKey: tagKey, sharedServices: shared, sharedMethod: method, fixedShares: shares, metric: metric, rules: rules,
                     owners: owners, keepsUnallocated: input.keepsUnallocated ?? false)
    }

    struct Draft {
        let name: String
        let tagKey: String
        let sharedServices: [String]
        let sharedMethod: SharedMethod
        let fixedShares: [(value: String, percent: Decimal)]
        let metric: String?
        let rules: [AssignmentRule]
        let owners: [(value: String, email: String)]
        let keepsUnallocated: Bool
    }

    private func sharedServices(_ names: [String], errors: inout FieldErrors) -> [String] {
        if names.count > AllocationDimension.maximumSharedServices {
            errors.add("sharedServices", "must list at most \(AllocationDimension.maximumSharedServices) services")
        }
        var kept: [String] = []
        for (i, raw) in names.enumerated() {
            guard let name = FieldRules.name(raw, field: "sharedServices[\(i)]", maximum: 255, errors: &errors) else { continue }
            if !kept.contains(where: { AllocationDimension.sameService($0, name) }) { kept.append(name) }
        }
        return kept
    }

    private func fixedShares(_ shares: [(value: String, percent: String?)]?, method: SharedMethod,
                             errors: inout FieldErrors) -> [(value: String, percent: Decimal)] {
        guard method == .fixed else {
            if let shares, !shares.isEmpty { errors.add("fixedShares", "applies only with sharedMethod fixed") }
            return []
        }
        guard let shares, !shares.isEmpty else {
            errors.add("fixedShares", "is required with sharedMethod fixed: percentages per value that add up to 100")
            return []
        }
        if shares.count > AllocationDimension.maximumValues {
            errors.add("fixedShares", "must have at most \(AllocationDimension.maximumValues) values")
        }
        var result: [(value: String, percent: Decimal)] = []
        var ok = true
        for (value, text) in shares {
            let field = "fixedShares.\(value)"
            guard let checked = self.value(value, field: field, errors: &errors) else { ok = false; continue }
            guard let text, let percent = Decimal(exactText: text, maxFractionDigits: 4), percent > 0, percent <= 100 else {
                errors.add(field, "must be a percentage above 0 and at most 100, with at most 4 decimals")
                ok = false
                continue
            }
            if result.contains(where: { TagKey.normalizedValue($0.value) == TagKey.normalizedValue(checked) }) {
                errors.add(field, "names the same value as another share")
                ok = false
                continue
            }
            result.append((checked, percent))
        }
        let sum = result.reduce(Decimal(0)) { $0 + $1.percent }
        if ok, sum != 100 { errors.add("fixedShares", "must add up to 100 (they add up to \(sum))") }
        return result
    }

    private func rules(_ inputs: [DimensionInput.Rule], errors: inout FieldErrors) -> [AssignmentRule] {
        if inputs.count > AllocationDimension.maximumRules { errors.add("rules", "must have at most \(AllocationDimension.maximumRules) rules") }
        var rules: [AssignmentRule] = []
        for (i, input) in inputs.enumerated() {
            let field = "rules[\(i)]"
            let value = input.value.flatMap { self.value($0, field: "\(field).value", errors: &errors) }
            if input.value == nil { errors.add("\(field).value", "is required: the value the matching costs go to") }
            let given = [input.connectionId != nil, input.serviceName != nil, input.resourceIdGlob != nil, input.hasTag].filter { $0 }.count
            guard input.hasMatch, given == 1 else {
                errors.add("\(field).match", "must name exactly one of connectionId, serviceName, resourceIdGlob, tag")
                continue
            }
            var match: AssignmentRule.Match?
            if let text = input.connectionId {
                if let id = UUID(canonical: text), connectionIds.contains(id) { match = .connection(id) } else {
                    errors.add("\(field).match.connectionId", "is not a connection of this organization")
                }
            } else if let name = input.serviceName {
                match = FieldRules.name(name, field: "\(field).match.serviceName", maximum: 255, errors: &errors).map { .serviceName($0) }
            } else if let glob = input.resourceIdGlob {
                if glob.trimmingWhitespaceAndNewlines().isEmpty {
                    errors.add("\(field).match.resourceIdGlob", "must not be empty: a pattern such as arn:aws:lambda:*:function:etl-*")
                } else if glob.unicodeScalars.count > 1024 {
                    errors.add("\(field).match.resourceIdGlob", "must be at most 1024 characters")
                } else {
                    match = .resourceIdGlob(Glob(glob))
                }
            } else {
                let key = FieldRules.name(input.tagKey, field: "\(field).match.tag.key", maximum: TagPolicy.maximumKeyLength, errors: &errors)
                let tagValue = FieldRules.name(input.tagValue, field: "\(field).match.tag.value", maximum: TagPolicy.maximumValueLength,
                                               errors: &errors)
                if let key, let tagValue { match = .tag(key: key, value: tagValue) }
            }
            if let match, let value { rules.append(AssignmentRule(match: match, value: value)) }
        }
        return rules
    }

    /// A value the dimension names: trimmed, and one the policy allows for the key when it lists them.
    private func value(_ raw: String, field: String, errors: inout FieldErrors) -> String? {
        guard let value = FieldRules.name(raw, field: field, maximum: TagPolicy.maximumValueLength, errors: &errors) else { return nil }
        if let allowedValues, !allowedValues.contains(where: { TagKey.normalizedValue($0) == TagKey.normalizedValue(value) }) {
            errors.add(field, "\"\(value.prefix(scalars: 60))\" is not a value the tag policy allows (\(allowedValues.joined(separator: ", ")))")
            return nil
        }
        return value
    }
}
