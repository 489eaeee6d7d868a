import CostData
public import Foundation
public import Kernel

/// Computes a dimension's chargeback from a month's costs. Pure: the same costs and settings give
/// the same statement, to the cent, which is what lets an issued statement be checked.
///
/// Each cost is attributed once, in this order: a service the dimension names as shared goes to
/// the shared pool; a cost whose tag carries an allowed value is a direct cost of that value; else
/// the first assignment rule that matches attributes it; what is left is overhead. The month's
/// total is rounded to cents, the pools (direct, shared, overhead) are rounded so that they add up
/// to it, and each pool is split among the values by the largest-remainder method.
public struct ChargebackBuilder: Sendable {
    public let dimension: AllocationDimension
    /// The tag policy's allowed values for the dimension's key; `nil` for any value.
    public let allowedValues: [String]?
    /// The usage metric's figures for the month, per normalized value; only read with `.metric`.
    public let metricFigures: [String: Decimal]

    /// Normalized once, not per cost: the key, the allowed values and the shared services' names.
    private let key: String
    private let allowed: Set<String>?
    private let shared: Set<String>

    public init(dimension: AllocationDimension, allowedValues: [String]?, metricFigures: [String: Decimal] = [:]) {
        self.dimension = dimension
        self.allowedValues = allowedValues
        self.metricFigures = metricFigures
        key = TagKey.normalized(dimension.tagKey)
        allowed = allowedValues.map { Set($0.map(TagKey.normalizedValue)) }
        shared = Set(dimension.sharedServices.map(AllocationDimension.serviceKey))
    }

    /// Where one cost goes.
    enum Attribution: Equatable {
        case direct(String)
        case rule(String)
        case shared
        case overhead
    }

    func attribution(of cost: AllocatableCost) -> Attribution {
        if !shared.isEmpty, shared.contains(AllocationDimension.serviceKey(cost.serviceName)) { return .shared }
        if let tag = cost.tags.tags.first(where: { $0.key == key }), isAllowed(tag.value) { return .direct(tag.value) }
        if let rule = dimension.rules.first(where: { $0.matches(cost) }) { return .rule(TagKey.normalizedValue(rule.value)) }
        return .overhead
    }

    func isAllowed(_ normalized: String) -> Bool {
        guard !normalized.isEmpty else { return false }
        return allowed?.contains(normalized) ?? true
    }

    public func build(month: LocalDate, costs: [AllocatableCost], previous: [AllocatableCost]? = nil) -> Chargeback {
        var names = Names(allowed: allowedValues ?? [], dimension: dimension)
        for cost in costs + (previous ?? []) {
            if let tag = cost.tags.tags.first(where: { $0.key == key }) { names.meet(tag.value, display: tag.displayValue) }
        }
        let previousTotals = previous.map { previousCosts in
            Dictionary(grouping: previousCosts, by: \.currency).mapValues { currency(costs: $0, code: "", names: names).lines }
        }
        let currencies = Dictionary(grouping: costs, by: \.currency).sorted { $0.key < $1.key }.map { code, group in
            var statement = currency(costs: group, code: code, names: names)
            if let previousTotals {
                let before = Dictionary((previousTotals[code] ?? []).map { ($0.key, $0.total) }, uniquingKeysWith: +)
                statement.lines = statement.lines.map { line in
                    var line = line
                    line.previousMonthTotal = before[line.key] ?? .zero
                    return line
                }
            }
            return statement
        }
        return Chargeback(dimension: dimension.name, month: month, currencies: currencies)
    }

    // MARK: - One currency

    private struct Pool {
        var total: Int128 = 0
        var byService: [String: Int128] = [:]
        mutating func add(_ cost: AllocatableCost) {
            total += cost.amount
            byService[cost.serviceName, default: 0] += cost.amount
        }
    }

    private func currency(costs: [AllocatableCost], code: String, names: Names) -> Chargeback.Currency {
        var direct: [String: Pool] = [:]
        var ruled: [String: Int128] = [:]
        var shared = Pool()
        var overhead = Pool()
        for cost in costs {
            switch attribution(of: cost) {
            case .direct(let value): direct[value, default: Pool()].add(cost)
            case .rule(let value):
                direct[value, default: Pool()].add(cost)
                ruled[value, default: 0] += cost.amount
            case .shared: shared.add(cost)
            case .overhead: overhead.add(cost)
            }
        }
        var notes: [String] = []
        let participants = direct.keys.sorted()
        let total = Apportionment.cents(direct.values.reduce(0) { $0 + $1.total } + shared.total + overhead.total)
        let pools = Apportionment.round([direct.values.reduce(0) { $0 + $1.total }, shared.total, overhead.total], to: total,
                                        names: ["1", "2", "3"])
        let directCents = Dictionary(uniqueKeysWithValues: zip(participants, Apportionment.round(participants.map { direct[$0]!.total },
                                                                                                 to: pools[0], names: participants)))
        let directWeights = participants.map { direct[$0]!.total }

        // The shared pool's recipients and weights, by the dimension's method.
        var sharedSplit: [String: Cents] = [:]
        if shared.total != 0 || pools[1] != .zero {
            let (recipients, weights) = sharedRecipients(participants: participants, directWeights: directWeights, notes: &notes)
            sharedSplit = split(pools[1], among: recipients, weights: weights)
        }
        var overheadSplit: [String: Cents] = [:]
        if overhead.total != 0 || pools[2] != .zero {
            if dimension.keepsUnallocated {
                overheadSplit = [Names.unallocated: pools[2]]
            } else if !participants.isEmpty {
                overheadSplit = split(pools[2], among: participants, weights: directWeights)
            } else {
                let fallback = evenRecipients()
                if fallback == [Names.unallocated] { notes.append("No cost carries a \(dimension.tagKey) value, so the overhead stays unallocated.") }
                overheadSplit = split(pools[2], among: fallback, weights: fallback.map { _ in 1 })
            }
        }

        let keys = Set(participants).union(sharedSplit.keys).union(overheadSplit.keys)
        var lines: [Chargeback.Line] = []
        for key in keys {
            let d = directCents[key] ?? .zero
            let s = sharedSplit[key] ?? .zero
            let o = overheadSplit[key] ?? .zero
            let byRules = direct[key].map { pool in
                Apportionment.round([pool.total - (ruled[key] ?? 0), ruled[key] ?? 0], to: d, names: ["1", "2"])[1]
            } ?? .zero
            var services: [String: Cents] = [:]
            if let pool = direct[key] { merge(&services, Apportionment.round(pool.byService, to: d)) }
            merge(&services, Apportionment.split(s, byService: shared.byService))
            merge(&services, Apportionment.split(o, byService: overhead.byService))
            let lineTotal = d + s + o
            lines.append(Chargeback.Line(
                value: names.display(key), key: key == Names.unallocated ? "" : key, direct: d, byRules: byRules, shared: s, overhead: o,
                total: lineTotal, share: total == .zero ? nil : (lineTotal.decimal * 100 / total.decimal).rounded(2), previousMonthTotal: nil,
                services: services.filter { $0.value != .zero }.map { Chargeback.ServiceLine(serviceName: $0.key, cost: $0.value) }
                    .sorted { $0.cost != $1.cost ? $0.cost > $1.cost : $0.serviceName < $1.serviceName },
                isUnallocated: key == Names.unallocated))
        }
        lines.sort { a, b in
            if a.isUnallocated != b.isUnallocated { return b.isUnallocated }
            return a.total != b.total ? a.total > b.total : a.value < b.value
        }
        return Chargeback.Currency(currency: code, total: total, direct: pools[0], byRules: lines.map(\.byRules).sum(), shared: pools[1],
                                   overhead: pools[2], lines: lines, notes: notes)
    }

    /// Who shares the shared services, with what weights.
    private func sharedRecipients(participants: [String], directWeights: [Int128], notes: inout [String]) -> ([String], [Int128]) {
        switch dimension.sharedMethod {
        case .fixed:
            let shares = dimension.fixedShares.map { (TagKey.normalizedValue($0.value), $0.percent) }
            return (shares.map(\.0), shares.map { Apportionment.weight($0.1) })
        case .metric:
            let figures = metricFigures.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            if !figures.isEmpty { return (figures.map(\.key), figures.map { Apportionment.weight($0.value) }) }
            notes.append("No \(dimension.metric ?? "metric") figures were uploaded for this month, so the shared services were split "
                         + "in proportion to direct cost.")
            fallthrough
        case .proportional:
            if !participants.isEmpty && directWeights.contains(where: { $0 > 0 }) { return (participants, directWeights) }
            if participants.isEmpty {
                let fallback = evenRecipients()
                return (fallback, fallback.map { _ in 1 })
            }
            return (participants, participants.map { _ in 1 })
        case .even:
            let recipients = participants.isEmpty ? evenRecipients() : participants
            return (recipients, recipients.map { _ in 1 })
        }
    }

    /// Without any direct cost: the policy's allowed values, else the unallocated line.
    private func evenRecipients() -> [String] {
        let allowed = (allowedValues ?? []).map(TagKey.normalizedValue)
        return allowed.isEmpty ? [Names.unallocated] : allowed
    }

    private func split(_ pool: Cents, among recipients: [String], weights: [Int128]) -> [String: Cents] {
        guard !recipients.isEmpty else { return [Names.unallocated: pool] }
        var result: [String: Cents] = [:]
        for (key, cents) in zip(recipients, Apportionment.split(pool, weights: weights, names: recipients)) { result[key, default: .zero] += cents }
        return result
    }

    private func merge(_ services: inout [String: Cents], _ more: [String: Cents]) {
        for (name, cents) in more { services[name, default: .zero] += cents }
    }
}

/// The spelling shown for each value: the policy's, then the dimension's own (fixed shares, rules,
/// owners), then the first a file used.
struct Names: Sendable {
    static let unallocated = "\u{0}unallocated"
    private var display: [String: String] = [:]

    init(allowed: [String], dimension: AllocationDimension) {
        for value in allowed + dimension.fixedShares.map(\.value) + dimension.rules.map(\.value) + dimension.owners.map(\.value) {
            let key = TagKey.normalizedValue(value)
            if display[key] == nil { display[key] = value.trimmingCharacters(in: .whitespaces) }
        }
    }

    mutating func meet(_ key: String, display spelling: String) {
        if display[key] == nil { display[key] = spelling }
    }

    func display(_ key: String) -> String {
        key == Names.unallocated ? Chargeback.unallocatedLabel : display[key] ?? key
    }
}

extension Apportionment {
    /// A percentage or a metric figure as an integer weight (10⁻⁶ units: metrics may have decimals).
    static func weight(_ figure: Decimal) -> Int128 {
        Int128(NSDecimalNumber(decimal: (figure * 1_000_000).rounded(0)).int64Value)
    }

    /// Exact amounts per service rounded to add up to `total`.
    static func round(_ byService: [String: Int128], to total: Cents) -> [String: Cents] {
        let names = byService.keys.sorted()
        return Dictionary(uniqueKeysWithValues: zip(names, round(names.map { byService[$0]! }, to: total, names: names)))
    }

    /// A value's part of a pool, broken down by the pool's services in proportion to their cost.
    static func split(_ part: Cents, byService: [String: Int128]) -> [String: Cents] {
        guard part != .zero, !byService.isEmpty else { return [:] }
        let names = byService.keys.sorted()
        return Dictionary(uniqueKeysWithValues: zip(names, split(part, weights: names.map { byService[$0]! }, names: names)))
    }
}
