import CostData
import CSVStream
public import Foundation
public import Kernel
public import MariaDB
public import Tenancy

/// A restated bill for trying the alerts on the local stack: the current billing month of a demo
/// budget's connection, as stored, with every cost scaled so that the budget stands at a chosen
/// percentage once the file is imported (an import replaces the billing months it covers).
public struct DemoRestatement {
    let connection: Connection
    let today: LocalDate

    public init(connection: Connection, today: LocalDate) {
        self.connection = connection
        self.today = today
    }

    public struct Result: Sendable {
        public let csv: String
        public let rows: Int
        public let connection: CSPConnection
        public let billingPeriod: LocalDate
        /// What the costs the budget watches (its services, its tags) come to in the restated month.
        public let watchedTotal: Decimal
    }

    /// - Throws: `DemoError` when the budget does not exist or its connection has no costs this month.
    public func restate(budgetNamed name: String, to percent: Decimal) throws -> Result {
        guard let organization = try TenancyDemo.organization(in: connection) else { throw DemoError("load the demo first (budgetd demo load)") }
        let budgets = try BudgetStore.list(organizationId: organization.id, in: connection)
        guard let budget = budgets.first(where: { $0.name == name }) else {
            throw DemoError("no demo budget named \"\(name)\"; there are \(budgets.map { "\"\($0.name)\"" }.joined(separator: ", "))")
        }
        guard let csp = try ConnectionDirectory.connection(budget.cspConnectionId, organizationId: organization.id, in: connection) else {
            throw DemoError("the budget's connection is gone")
        }
        let month = today.firstOfMonth
        var items = try SpendReader.lineItems(connectionId: csp.id, billingPeriodStart: month, in: connection)
        let stored = !items.isEmpty
        if !stored {
            // The first day of a month: the demo holds costs up to yesterday only. Start the month with one.
            guard let service = try ConnectionDirectory.services(connectionId: csp.id, in: connection).first else {
                throw DemoError("\(csp.name) has no services")
            }
            items = [CostLineItem(
                billingPeriodStart: month, billingPeriodEnd: month.adding(months: 1), chargePeriodStart: "\(today.iso) 00:00:00",
                chargePeriodEnd: "\(today.adding(days: 1).iso) 00:00:00", serviceName: service.serviceName, serviceCategory: service.serviceCategory,
                providerName: nil, chargeCategory: "Usage", billedCost: 1, effectiveCost: 1, listCost: nil, billingCurrency: csp.currency,
                resourceId: nil, tags: nil)]
        }
        // Only the costs the budget watches are scaled: of its services (all when it selects none)
        // and tagged as its filters say.
        let selected = Set(budget.selectedServices.filter(\.selected).map(\.serviceName))
        let tags = budget.tagSelection
        let watched = { (item: CostLineItem) in
            (selected.isEmpty || selected.contains(item.serviceName)) && (tags.isEmpty || tags.matches(item.tags.flatMap(TagSet.init(json:))))
        }
        let watchedTotal = items.filter(watched).reduce(Decimal(0)) { $0 + $1.billedCost }
        guard watchedTotal > 0 else { throw DemoError("the costs \"\(name)\" watches come to nothing in the billing month of \(month)") }
        // The period may reach back before this month (a yearly budget): those months stay as they are.
        let periodSpend = try BudgetSpend.figures(of: [budget], on: today, connection)[budget.id]?.billed ?? 0
        let target = (budget.amount * percent / 100).rounded(2)
        let wanted = target - (periodSpend - (stored ? watchedTotal : 0))
        guard wanted > 0 else { throw DemoError("earlier months already put \"\(name)\" above \(percent) %") }
        let factor = wanted / watchedTotal
        let lastWatched = items.lastIndex(where: watched)

        // A file to import again, not to open in a spreadsheet: no formula guard, values exactly as stored.
        var csv = CSVWriter(guardsFormulas: false, lineEnding: "\n")
        csv.append(texts: ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ServiceName", "ServiceCategory",
                           "ProviderName", "ChargeCategory", "BilledCost", "EffectiveCost", "ListCost", "BillingCurrency", "ResourceId", "Tags"])
        var written: Decimal = 0
        for (index, item) in items.enumerated() {
            let scale = watched(item) ? factor : 1
            // The last watched item takes the rounding remainder, so the month adds up to the target exactly.
            var billed = (item.billedCost * scale).rounded(10)
            if watched(item) {
                if index == lastWatched { billed = wanted - written }
                written += billed
            }
            let effective = (item.effectiveCost * scale).rounded(10)
            let fields: [String?] = [
                item.billingPeriodStart.iso + "T00:00:00Z", item.billingPeriodEnd.iso + "T00:00:00Z",
                item.chargePeriodStart.replacingOccurrences(of: " ", with: "T") + "Z",
                item.chargePeriodEnd.replacingOccurrences(of: " ", with: "T") + "Z",
                item.serviceName, item.serviceCategory, item.providerName, item.chargeCategory, billed.plainText, effective.plainText,
                item.listCost.map { ($0 * scale).rounded(10).plainText }, item.billingCurrency, item.resourceId, item.tags,
            ]
            csv.append(texts: fields)
        }
        return Result(csv: csv.output, rows: items.count, connection: csp, billingPeriod: month, watchedTotal: wanted)
    }
}

/// Why a demo command cannot do what was asked.
public struct DemoError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
