public import Kernel
public import Foundation

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
