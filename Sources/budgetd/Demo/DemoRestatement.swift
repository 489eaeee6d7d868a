import BudgetCore
import BudgetStorage
import Foundation
import MariaDB

/// A restated bill for trying the alerts on the local stack: the current billing month of a demo
/// budget's connection, as stored, with every cost scaled so that the budget stands at a chosen
/// percentage once the file is imported (an import replaces the billing months it covers).
struct DemoRestatement {
    let connection: Connection
    let today: LocalDate

    struct Result {
        let csv: String
        let rows: Int
        let connection: CSPConnection
        let billingPeriod: LocalDate
        /// What the budget's services cost in the restated month.
        let watchedTotal: Decimal
    }

    /// - Throws: `DemoError` when the budget does not exist or its connection has no costs this month.
    func restate(budgetNamed name: String, to percent: Decimal) throws -> Result {
        let organizations = MariaDBOrganizationRepository(connection: connection)
        guard let organization = try organizations.find(named: "Distro Nation") else { throw DemoError("load the demo first (budgetd demo load)") }
        let budgets = try MariaDBBudgetRepository(connection: connection).list(organizationId: organization.id)
        guard let budget = budgets.first(where: { $0.name == name }) else {
            throw DemoError("no demo budget named \"\(name)\"; there are \(budgets.map { "\"\($0.name)\"" }.joined(separator: ", "))")
        }
        guard let csp = try MariaDBConnectionRepository(connection: connection).find(budget.cspConnectionId, organizationId: organization.id) else {
            throw DemoError("the budget's connection is gone")
        }
        let spendRepository = MariaDBSpendRepository(connection: connection)
        let month = today.firstOfMonth
        var items = try spendRepository.lineItems(connectionId: csp.id, billingPeriodStart: month)
        let stored = !items.isEmpty
        if !stored {
            // The first day of a month: the demo holds costs up to yesterday only. Start the month with one.
            guard let service = try MariaDBConnectionRepository(connection: connection).services(connectionId: csp.id).first else {
                throw DemoError("\(csp.name) has no services")
            }
            items = [CostLineItem(
                billingPeriodStart: month, billingPeriodEnd: month.adding(months: 1), chargePeriodStart: "\(today.iso) 00:00:00",
                chargePeriodEnd: "\(today.adding(days: 1).iso) 00:00:00", serviceName: service.serviceName, serviceCategory: service.serviceCategory,
                providerName: nil, chargeCategory: "Usage", billedCost: 1, effectiveCost: 1, listCost: nil, billingCurrency: csp.currency,
                resourceId: nil, tags: nil)]
        }
        // Only the services the budget watches are scaled (all of them when it selects none).
        let selected = Set(budget.selectedServices.filter(\.selected).map(\.serviceName))
        let watched = { (item: CostLineItem) in selected.isEmpty || selected.contains(item.serviceName) }
        let watchedTotal = items.filter(watched).reduce(Decimal(0)) { $0 + $1.billedCost }
        guard watchedTotal > 0 else { throw DemoError("the services of \"\(name)\" cost nothing in the billing month of \(month)") }
        // The period may reach back before this month (a yearly budget): those months stay as they are.
        let periodSpend = try spendRepository.spend(of: [budget], on: today)[budget.id]?.billed ?? 0
        let target = (budget.amount * percent / 100).rounded(2)
        let wanted = target - (periodSpend - (stored ? watchedTotal : 0))
        guard wanted > 0 else { throw DemoError("earlier months already put \"\(name)\" above \(percent) %") }
        let factor = wanted / watchedTotal
        let lastWatched = items.lastIndex(where: watched)

        var lines = ["BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ServiceName,ServiceCategory,ProviderName,"
                     + "ChargeCategory,BilledCost,EffectiveCost,ListCost,BillingCurrency,ResourceId,Tags"]
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
                item.chargePeriodStart.replacingOccurrences(of: " ", with: "T") + "Z", item.chargePeriodEnd.replacingOccurrences(of: " ", with: "T") + "Z",
                item.serviceName, item.serviceCategory, item.providerName, item.chargeCategory, billed.plainText, effective.plainText,
                item.listCost.map { ($0 * scale).rounded(10).plainText }, item.billingCurrency, item.resourceId, item.tags,
            ]
            lines.append(fields.map { DemoRestatement.csvField($0 ?? "") }.joined(separator: ","))
        }
        return Result(csv: lines.joined(separator: "\n") + "\n", rows: items.count, connection: csp, billingPeriod: month, watchedTotal: wanted)
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why a demo command cannot do what was asked.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
