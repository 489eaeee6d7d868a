/// Where the FOCUS columns budgetd reads sit in a file, found by header name.
///
/// FOCUS 1.0 to 1.2 name them the same; 1.3 renamed ProviderName to ServiceProviderName, which is
/// accepted too. Other columns (and every `x_` extension column) are left alone.
struct FOCUSColumns {
    static let required = ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
                           "ServiceName", "BilledCost", "EffectiveCost", "BillingCurrency"]

    let billingPeriodStart: Int
    let billingPeriodEnd: Int
    let chargePeriodStart: Int
    let chargePeriodEnd: Int
    let serviceName: Int
    let billedCost: Int
    let effectiveCost: Int
    let billingCurrency: Int
    let serviceCategory: Int?
    let providerName: Int?
    let chargeCategory: Int?
    let listCost: Int?
    let resourceId: Int?
    let tags: Int?
    let count: Int
    let names: [String]
    /// The text columns stored as they are, with their names: checked for control characters.
    let textColumns: [(index: Int, name: String)]

    init(header: [String]) throws(ImportError) {
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        let missing = FOCUSColumns.required.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw .file("the header (line 1) lacks the FOCUS column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))"
                        + "; is this a FOCUS export?")
        }
        billingPeriodStart = index["BillingPeriodStart"]!
        billingPeriodEnd = index["BillingPeriodEnd"]!
        chargePeriodStart = index["ChargePeriodStart"]!
        chargePeriodEnd = index["ChargePeriodEnd"]!
        serviceName = index["ServiceName"]!
        billedCost = index["BilledCost"]!
        effectiveCost = index["EffectiveCost"]!
        billingCurrency = index["BillingCurrency"]!
        serviceCategory = index["ServiceCategory"]
        providerName = index["ProviderName"] ?? index["ServiceProviderName"]
        chargeCategory = index["ChargeCategory"]
        listCost = index["ListCost"]
        resourceId = index["ResourceId"]
        tags = index["Tags"]
        count = header.count
        names = header
        textColumns = ["ServiceName", "ServiceCategory", "ProviderName", "ServiceProviderName", "ChargeCategory", "BillingCurrency", "ResourceId"]
            .compactMap { name in index[name].map { ($0, name) } }
    }
}
