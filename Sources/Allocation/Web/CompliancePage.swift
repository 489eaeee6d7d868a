import Foundation
import HTTPKit
import Kernel
import Templating
import Tenancy
import Web

/// `/allocation`: how much of a month's cost carries the required tags, against the framework's
/// target, per connection and per key, with the resources that cost most without them.
struct ComplianceView: Page {
    static let template = "allocation/compliance.show"
    var title: String { "Tag compliance, \(DateFormat.longMonth(compliance.month))" }
    let compliance: ComplianceMonth
    let connectionNames: [UUID: String]
    let statements: [Chargeback]
    let today: LocalDate

    var templateValue: TemplateValue {
        let month = compliance.month
        let percent = { (value: Decimal?) in value.map { MoneyFormat.percent($0, fractionDigits: 2) } ?? "—" }
        return [
            "monthLabel": .string(DateFormat.longMonth(month)),
            "previousLink": .string("/allocation?month=\(MonthParameter.text(month.adding(months: -1)))"),
            "nextLink": month.adding(months: 1) <= today.firstOfMonth
                ? .string("/allocation?month=\(MonthParameter.text(month.adding(months: 1)))") : .null,
            "target": .string(MoneyFormat.level(TagCompliance.target)),
            "hasPolicy": .bool(!compliance.policy.requiredTags.isEmpty),
            "requiredTags": .string(compliance.policy.requiredTags.map(\.key).joined(separator: ", ")),
            "currencies": .list(compliance.current.currencies.map { c in
                let money = { (value: Decimal) in MoneyFormat.amount(value, currency: c.currency) }
                let cents = { (value: Cents) in MoneyFormat.amount(value.decimal, currency: c.currency) }
                let previous = compliance.previous.currencies.first { $0.currency == c.currency }
                return [
                    "currency": .string(c.currency),
                    "costShare": .string(percent(c.share.taggedCostPercentage)),
                    "costMet": .bool((c.share.taggedCostPercentage ?? 0) > TagCompliance.target),
                    "resourceShare": .string(percent(c.share.taggedResourcePercentage)),
                    "resourceMet": .bool((c.share.taggedResourcePercentage ?? 0) > TagCompliance.target),
                    "costTrend": .string(ComplianceView.trend(c.share.taggedCostPercentage, previous?.share.taggedCostPercentage)),
                    "resourceTrend": .string(ComplianceView.trend(c.share.taggedResourcePercentage, previous?.share.taggedResourcePercentage)),
                    "taggedCost": .string(money(c.share.taggedCost)), "cost": .string(money(c.share.cost)),
                    "resources": .string(String(c.share.resources)), "taggedResources": .string(String(c.share.taggedResources)),
                    "connections": .list(c.byConnection.map { item in
                        ["name": .string(connectionNames[item.connectionId] ?? "Connection"), "cost": .string(money(item.share.cost)),
                         "costShare": .string(percent(item.share.taggedCostPercentage)),
                         "resourceShare": .string(percent(item.share.taggedResourcePercentage))]
                    }),
                    "dimensions": .list(statements.compactMap { statement in
                        statement.currencies.first { $0.currency == c.currency }.map { d in
                            ["name": .string(statement.dimension), "link": .string(ChargebackView.link(statement.dimension, month)),
                             "tagged": .string(cents(d.taggedAtSource)), "byRules": .string(cents(d.byRules)), "shared": .string(cents(d.shared)),
                             "overhead": .string(cents(d.overhead))]
                        }
                    }),
                    "keys": .list(c.byKey.map { ["key": .string($0.key), "missing": .string(money($0.missingCost)),
                                                 "invalid": .string(money($0.invalidCost))] }),
                    "offenders": .list(c.topUntagged.map { o in
                        ["resource": .string(o.resourceId ?? "(no resource id)"), "service": .string(o.serviceName),
                         "connection": .string(connectionNames[o.connectionId] ?? ""), "cost": .string(money(o.cost)),
                         "missing": .string(o.missingKeys.joined(separator: ", ")), "invalid": .string(o.invalidKeys.joined(separator: ", "))]
                    }),
                ]
            }),
        ]
    }

    /// `+2.50 points since May`, or nothing to compare with.
    static func trend(_ now: Decimal?, _ before: Decimal?) -> String {
        guard let now, let before else { return "no figure the month before" }
        let change = (now - before).rounded(2)
        if change == 0 { return "unchanged since the month before" }
        return (change > 0 ? "+" : "−") + MoneyFormat.grouped(abs(change), fractionDigits: 2) + " points since the month before"
    }
}

struct CompliancePage {
    func add(to routes: Routes) {
        routes.pages.get("/allocation") { request, page in
            let today = LocalDate(page.now)
            let month = try CompliancePage.month(request.query["month"], today: today)
            let compliance = try AllocationService(db: page.db, now: page.now).compliance(month: month, for: page.principal)
            let connections = try ConnectionDirectory.connections(organizationId: try page.principal.requireOrganization(), in: page.db)
            let view = ComplianceView(compliance: compliance, connectionNames: Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) }),
                                      statements: try DimensionService(db: page.db, now: page.now).statements(month: month, for: page.principal),
                                      today: today)
            return try routes.renderer.render(view, request: request, session: page.session)
        }
    }

    /// `?month=YYYY-MM`, or the last complete month without one.
    /// - Throws: `.invalid` naming `month`.
    static func month(_ text: String?, today: LocalDate) throws -> LocalDate {
        guard let text else { return today.firstOfMonth.adding(months: -1) }
        guard let month = MonthParameter.parse(text) else {
            throw DomainError.invalid([FieldError("month", "must be a month written YYYY-MM, in the years 1970 to 2999")])
        }
        return month
    }
}
