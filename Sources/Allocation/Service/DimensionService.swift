public import Foundation
public import Kernel
public import MariaDB
import Persistence
import Tenancy

/// Allocation dimensions (everyone reads, admins write), their usage metrics, and the live
/// chargeback statement of a dimension for a month. Inputs arrive unchecked; every problem is
/// reported at once naming its field, and a refused change changes nothing. Another
/// organization's dimension is "not found".
public struct DimensionService {
    public let db: Connection
    public let now: Date

    public init(db: Connection, now: Date) {
        self.db = db
        self.now = now
    }

    public func dimensions(for principal: Principal) throws -> [AllocationDimension] {
        try DimensionStore.all(organizationId: try principal.requireOrganization(), in: db)
    }

    public func dimension(_ id: UUID, for principal: Principal) throws -> AllocationDimension {
        guard let dimension = try DimensionStore.find(id, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Dimension")
        }
        return dimension
    }

    /// By name, ignoring case (the chargeback's `dimension=Department`).
    public func dimension(named name: String, for principal: Principal) throws -> AllocationDimension {
        guard let dimension = try DimensionStore.find(named: name, organizationId: try principal.requireOrganization(), in: db) else {
            throw DomainError.notFound("Dimension")
        }
        return dimension
    }

    public func create(_ input: DimensionInput, typeErrors: [FieldError] = [], by principal: Principal) throws -> AllocationDimension {
        try principal.require(.admin, to: "define allocation dimensions")
        let organizationId = try principal.requireOrganization()
        return try db.transaction { tx in
            let draft = try validate(input, typeErrors: typeErrors, organizationId: organizationId, replacing: nil, in: tx)
            let count = try DimensionStore.all(organizationId: organizationId, in: tx).count
            guard count < AllocationDimension.maximumDimensions else {
                throw DomainError(.conflict, "An organization has at most \(AllocationDimension.maximumDimensions) dimensions; delete one first.")
            }
            let dimension = make(draft, id: UUID(), createdAt: now)
            try DimensionStore.save(dimension, organizationId: organizationId, by: principal.userId, in: tx)
            return dimension
        }
    }

    public func replace(_ id: UUID, with input: DimensionInput, typeErrors: [FieldError] = [],
                        by principal: Principal) throws -> AllocationDimension {
        try principal.require(.admin, to: "change allocation dimensions")
        let organizationId = try principal.requireOrganization()
        return try db.transaction { tx in
            guard let current = try DimensionStore.find(id, organizationId: organizationId, in: tx, locking: true) else {
                throw DomainError.notFound("Dimension")
            }
            let draft = try validate(input, typeErrors: typeErrors, organizationId: organizationId, replacing: id, in: tx)
            let dimension = make(draft, id: id, createdAt: current.createdAt)
            try DimensionStore.save(dimension, organizationId: organizationId, by: principal.userId, in: tx)
            return dimension
        }
    }

    public func delete(_ id: UUID, by principal: Principal) throws {
        try principal.require(.admin, to: "delete allocation dimensions")
        let organizationId = try principal.requireOrganization()
        try db.transaction { tx in
            guard try DimensionStore.delete(id, organizationId: organizationId, in: tx) else { throw DomainError.notFound("Dimension") }
        }
    }

    /// The dimension's live statement for the month (charges that began in it), with the month before's totals.
    public func chargeback(_ dimension: AllocationDimension, month: LocalDate, for principal: Principal) throws -> Chargeback {
        let organizationId = try principal.requireOrganization()
        return try DimensionService.chargeback(dimension, month: month, organizationId: organizationId, in: db)
    }

    /// Every dimension's live statement for the month, with the month before's totals: the monthly
    /// report's department and project sections.
    public static func chargebacks(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [Chargeback] {
        try DimensionStore.all(organizationId: organizationId, in: db).map {
            try chargeback($0, month: month, organizationId: organizationId, in: db)
        }
    }

    static func chargeback(_ dimension: AllocationDimension, month: LocalDate, organizationId: UUID, in db: any SQLReading) throws -> Chargeback {
        let policy = try TagPolicyStore.policy(organizationId: organizationId, in: db)
        let allowed = policy.requiredTags.first { TagKey.normalized($0.key) == TagKey.normalized(dimension.tagKey) }?.allowedValues
        let figures = try dimension.metric.map { try MetricStore.figures(organizationId: organizationId, month: month, in: db)[$0] ?? [:] } ?? [:]
        let builder = ChargebackBuilder(dimension: dimension, allowedValues: allowed, metricFigures: figures)
        return builder.build(month: month, costs: try TaggedCostQuery.costs(organizationId: organizationId, month: month, in: db),
                             previous: try TaggedCostQuery.costs(organizationId: organizationId, month: month.adding(months: -1), in: db))
    }

    /// Every dimension's statement for the month without the month before: how much each attributes
    /// by tags at the source, by rules, as shared and as overhead (the compliance page's view of rules).
    public func statements(month: LocalDate, for principal: Principal) throws -> [Chargeback] {
        let organizationId = try principal.requireOrganization()
        let dimensions = try DimensionStore.all(organizationId: organizationId, in: db)
        guard !dimensions.isEmpty else { return [] }
        let policy = try TagPolicyStore.policy(organizationId: organizationId, in: db)
        let figures = try MetricStore.figures(organizationId: organizationId, month: month, in: db)
        let costs = try TaggedCostQuery.costs(organizationId: organizationId, month: month, in: db)
        return dimensions.map { dimension in
            let allowed = policy.requiredTags.first { TagKey.normalized($0.key) == TagKey.normalized(dimension.tagKey) }?.allowedValues
            return ChargebackBuilder(dimension: dimension, allowedValues: allowed, metricFigures: dimension.metric.flatMap { figures[$0] } ?? [:])
                .build(month: month, costs: costs)
        }
    }

    // MARK: - Usage metrics

    public func figures(month: LocalDate, for principal: Principal) throws -> [UsageFigure] {
        try MetricStore.entries(organizationId: try principal.requireOrganization(), month: month, in: db)
    }

    /// Replaces the month's figures of `metric`. Each value must be one of a dimension that splits by the
    /// metric (the policy's allowed values for its key, or values its costs carry); quantities are ≥ 0.
    /// Each entry carries the field its problems name (`values.engineering`, or a CSV file's `line 3`).
    public func setFigures(month: LocalDate, metric: String?, values: [(value: String, quantity: String?, field: String)],
                           typeErrors: [FieldError] = [], by principal: Principal) throws -> [UsageFigure] {
        try principal.require(.admin, to: "upload usage metrics")
        let organizationId = try principal.requireOrganization()
        var errors = FieldErrors(reported: typeErrors)
        let dimensions = try DimensionStore.all(organizationId: organizationId, in: db)
        var known: [String: String] = [:]
        if let metric, !UsageFigure.isMetricName(metric) {
            errors.add("metric", "must be a name of letters, digits and _ starting with a letter, at most 64 characters (such as apiCalls)")
        } else if let metric {
            let users = dimensions.filter { $0.sharedMethod == .metric && $0.metric == metric }
            if users.isEmpty {
                errors.add("metric", "no dimension splits its shared services by \(metric); set a dimension's sharedMethod to metric first")
            }
            for dimension in users { known.merge(try knownValues(of: dimension, organizationId: organizationId)) { a, _ in a } }
        } else {
            errors.add("metric", "is required: the usage metric's name, such as apiCalls")
        }
        if values.count > UsageFigure.maximumFigures { errors.add("values", "must have at most \(UsageFigure.maximumFigures) values") }
        var figures: [UsageFigure] = []
        for entry in values {
            let key = TagKey.normalizedValue(entry.value)
            guard let quantity = entry.quantity.flatMap({ Decimal(exactText: $0, maxFractionDigits: 6) }), quantity >= 0,
                  quantity < Decimal(string: "1000000000000000000")! else {
                errors.add(entry.field, "must be a number of at least 0 (at most 6 decimals)")
                continue
            }
            // Values are checked only against a metric that is known.
            guard !errors.contains("metric") else { continue }
            guard let spelling = known[key] else {
                errors.add(entry.field, "\"\(entry.value.prefix(scalars: 60))\" is not a value of a dimension that splits by \(metric ?? "")")
                continue
            }
            if figures.contains(where: { TagKey.normalizedValue($0.value) == key }) {
                errors.add(entry.field, "names the same value as another figure")
                continue
            }
            figures.append(UsageFigure(metric: metric ?? "", value: spelling, quantity: quantity))
        }
        try errors.check()
        let metricName = metric ?? ""
        try db.transaction { tx in
            try MetricStore.replace(organizationId: organizationId, month: month, metric: metricName, figures: figures, by: principal.userId,
                                    at: now, in: tx)
        }
        return figures
    }

    /// Normalized value → its spelling: the policy's allowed values for the key when it lists them,
    /// else every value the organization's costs carry for it, plus those the dimension names.
    private func knownValues(of dimension: AllocationDimension, organizationId: UUID) throws -> [String: String] {
        let policy = try TagPolicyStore.policy(organizationId: organizationId, in: db)
        var known: [String: String] = [:]
        let named = dimension.fixedShares.map(\.value) + dimension.rules.map(\.value) + dimension.owners.map(\.value)
        if let allowed = policy.requiredTags.first(where: { TagKey.normalized($0.key) == TagKey.normalized(dimension.tagKey) })?.allowedValues {
            for value in allowed + named { known[TagKey.normalizedValue(value)] = known[TagKey.normalizedValue(value)] ?? value }
            return known
        }
        for row in try db.query("""
            SELECT DISTINCT v.tag_value, v.display_value FROM cost_tag_values v JOIN cost_tag_sets s ON s.id = v.tag_set_id
            WHERE s.organization_id = \(organizationId) AND v.tag_key = \(TagKey.normalized(dimension.tagKey))
            """) {
            let value = try row.text("tag_value")
            let display = try row.text("display_value")
            if known[value] == nil { known[value] = display }
        }
        for value in named { known[TagKey.normalizedValue(value)] = known[TagKey.normalizedValue(value)] ?? value }
        return known
    }

    // MARK: -

    private func validate(_ input: DimensionInput, typeErrors: [FieldError], organizationId: UUID, replacing: UUID?,
                          in tx: Transaction) throws -> DimensionValidator.Draft {
        var errors = FieldErrors(reported: typeErrors)
        let policy = try TagPolicyStore.policy(organizationId: organizationId, in: tx)
        let allowed = input.tagKey.flatMap { key in
            policy.requiredTags.first { TagKey.normalized($0.key) == TagKey.normalized(key) }?.allowedValues
        }
        let connections = Set(try ConnectionDirectory.connections(organizationId: organizationId, in: tx).map(\.id))
        let draft = DimensionValidator(allowedValues: allowed, connectionIds: connections).validate(input, errors: &errors)
        if let name = input.name, let other = try DimensionStore.find(named: name, organizationId: organizationId, in: tx), other.id != replacing {
            errors.add("name", "is already the name of another dimension (names are compared ignoring case)")
        }
        try errors.check()
        guard let draft else { throw DomainError.invalid(errors.list) }
        return draft
    }

    private func make(_ draft: DimensionValidator.Draft, id: UUID, createdAt: Date) -> AllocationDimension {
        AllocationDimension(id: id, name: draft.name, tagKey: draft.tagKey, sharedServices: draft.sharedServices, sharedMethod: draft.sharedMethod,
                            fixedShares: draft.fixedShares, metric: draft.metric, rules: draft.rules, owners: draft.owners,
                            keepsUnallocated: draft.keepsUnallocated, createdAt: createdAt, updatedAt: now)
    }
}
