import Foundation
import Kernel
import MariaDB
import Persistence

/// Usage metric figures per organization, month, metric and value.
enum MetricStore {
    /// `metric` → normalized value → quantity, for one month.
    static func figures(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [String: [String: Decimal]] {
        var result: [String: [String: Decimal]] = [:]
        for row in try db.query("""
            SELECT metric, value_normalized, quantity FROM allocation_metrics WHERE organization_id = \(organizationId) AND month = \(month)
            """) {
            let quantity = try row.required("quantity") { Decimal(databaseText: $0) }
            result[try row.text("metric"), default: [:]][try row.text("value_normalized")] = quantity
        }
        return result
    }

    /// The month's figures of a metric, as written (value spelling and quantity), in value order.
    static func entries(organizationId: UUID, month: LocalDate, in db: any SQLReading) throws -> [UsageFigure] {
        try db.query("""
            SELECT metric, value, quantity FROM allocation_metrics WHERE organization_id = \(organizationId) AND month = \(month)
            ORDER BY metric, value_normalized
            """).map { row in
            UsageFigure(metric: try row.text("metric"), value: try row.text("value"),
                        quantity: try row.required("quantity") { Decimal(databaseText: $0) })
        }
    }

    /// Replaces the month's figures of `metric`.
    static func replace(organizationId: UUID, month: LocalDate, metric: String, figures: [UsageFigure], by userId: UUID?, at now: Date,
                        in tx: Transaction) throws {
        try tx.execute("DELETE FROM allocation_metrics WHERE organization_id = \(organizationId) AND month = \(month) AND metric = \(metric)")
        guard !figures.isEmpty else { return }
        try tx.execute(.insert(into: "allocation_metrics", columns: ["organization_id", "month", "metric", "value_normalized", "value", "quantity",
                                                                     "updated_at", "updated_by"],
                               rows: figures.map { figure in
                                   [organizationId.sqlValue, month.sqlValue, .text(figure.metric), .text(TagKey.normalizedValue(figure.value)),
                                    .text(figure.value), figure.quantity.sqlValue, .text(UTCTimestamp.sql(now)), userId.sqlValue]
                               }))
    }
}
