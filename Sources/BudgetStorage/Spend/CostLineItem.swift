public import BudgetCore
public import Foundation
import MariaDB

/// One stored line item with its FOCUS columns, for writing a billing period back out as a file.
public struct CostLineItem: Sendable {
    public let billingPeriodStart: LocalDate
    public let billingPeriodEnd: LocalDate
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    public let chargePeriodStart: String
    public let chargePeriodEnd: String
    public let serviceName: String
    public let serviceCategory: String?
    public let providerName: String?
    public let chargeCategory: String?
    public let billedCost: Decimal
    public let effectiveCost: Decimal
    public let listCost: Decimal?
    public let billingCurrency: String
    public let resourceId: String?
    /// The `Tags` JSON object as stored.
    public let tags: String?

    public init(billingPeriodStart: LocalDate, billingPeriodEnd: LocalDate, chargePeriodStart: String, chargePeriodEnd: String,
                serviceName: String, serviceCategory: String?, providerName: String?, chargeCategory: String?, billedCost: Decimal,
                effectiveCost: Decimal, listCost: Decimal?, billingCurrency: String, resourceId: String?, tags: String?) {
        self.billingPeriodStart = billingPeriodStart
        self.billingPeriodEnd = billingPeriodEnd
        self.chargePeriodStart = chargePeriodStart
        self.chargePeriodEnd = chargePeriodEnd
        self.serviceName = serviceName
        self.serviceCategory = serviceCategory
        self.providerName = providerName
        self.chargeCategory = chargeCategory
        self.billedCost = billedCost
        self.effectiveCost = effectiveCost
        self.listCost = listCost
        self.billingCurrency = billingCurrency
        self.resourceId = resourceId
        self.tags = tags
    }
}

extension MariaDBSpendRepository {
    /// The connection's line items of one billing period, in charge order.
    public func lineItems(connectionId: UUID, billingPeriodStart: LocalDate) throws -> [CostLineItem] {
        try connection.query("""
            SELECT billing_period_start, billing_period_end, charge_period_start, charge_period_end, service_name, service_category,
                   provider_name, charge_category, billed_cost, effective_cost, list_cost, billing_currency, resource_id, tags
            FROM cost_line_items WHERE csp_connection_id = \(connectionId) AND billing_period_start = \(billingPeriodStart)
            ORDER BY charge_period_start, id
            """).map { row in
            CostLineItem(
                billingPeriodStart: try row.localDate("billing_period_start"), billingPeriodEnd: try row.localDate("billing_period_end"),
                chargePeriodStart: try row.text("charge_period_start"), chargePeriodEnd: try row.text("charge_period_end"),
                serviceName: try row.text("service_name"), serviceCategory: row["service_category"], providerName: row["provider_name"],
                chargeCategory: row["charge_category"], billedCost: try row.money("billed_cost"), effectiveCost: try row.money("effective_cost"),
                listCost: row.decimal("list_cost"), billingCurrency: try row.text("billing_currency"), resourceId: row["resource_id"],
                tags: row["tags"])
        }
    }
}
