import Foundation
import HTTPKit
import Kernel
import Templating
import Tenancy
import Web

/// `/allocation/chargeback`: a dimension's statement for a month, per value its direct, shared and
/// overhead cost adding up to the organization's total, with its service lines and the dimension's
/// settings (shared services and method, rules, owners) that produced it.
struct ChargebackView: Page {
    static let template = "allocation/chargeback.show"
    var title: String { "\(statement.dimension) chargeback, \(DateFormat.longMonth(statement.month))" }
    let statement: Chargeback
    let dimension: AllocationDimension
    let dimensions: [AllocationDimension]
    let figures: [UsageFigure]
    let connectionNames: [UUID: String]
    /// The issued versions of this dimension and month, newest first.
    let issued: [IssuedStatement]
    let kpis: ChargebackKPIs
    let today: LocalDate

    var address: String? { ChargebackView.link(dimension.name, statement.month) }

    static func link(_ dimension: String, _ month: LocalDate, csv: Bool = false) -> String {
        "/allocation/chargeback\(csv ? ".csv" : "")?dimension=\(PageRenderer.percentEncoded(dimension))&month=\(MonthParameter.text(month))"
    }

    var templateValue: TemplateValue {
        let month = statement.month
        return [
            "dimension": .string(dimension.name),
            "tagKey": .string(dimension.tagKey),
            "monthLabel": .string(DateFormat.longMonth(month)),
            "previousMonthLabel": .string(DateFormat.longMonth(month.adding(months: -1))),
            "previousLink": .string(ChargebackView.link(dimension.name, month.adding(months: -1))),
            "nextLink": month.adding(months: 1) <= today.firstOfMonth ? .string(ChargebackView.link(dimension.name, month.adding(months: 1))) : .null,
            "csvLink": .string(ChargebackView.link(dimension.name, month, csv: true)),
            "dimensions": .list(dimensions.map { d in
                ["name": .string(d.name), "link": .string(ChargebackView.link(d.name, month)), "current": .bool(d.id == dimension.id)]
            }),
            "method": .string(methodText),
            "sharedServices": .string(dimension.sharedServices.isEmpty ? "none" : dimension.sharedServices.joined(separator: ", ")),
            "overheadText": .string(dimension.keepsUnallocated
                ? "Cost that no tag or rule attributes stays on its own Unallocated line."
                : "Cost that no tag or rule attributes is overhead, spread in proportion to each value's direct cost."),
            "rules": .list(dimension.rules.map { rule in ["match": .string(ruleText(rule.match)), "value": .string(rule.value)] }),
            "owners": .list(dimension.owners.map { ["value": .string($0.value), "email": .string($0.email)] }),
            "figures": .list(figures.filter { $0.metric == dimension.metric }.map { f in
                ["value": .string(f.value), "quantity": .string(MoneyFormat.grouped(f.quantity, fractionDigits: 0))]
            }),
            "currencies": .list(statement.currencies.map(currency)),
            "monthParameter": .string(MonthParameter.text(month)),
            "canIssue": .bool(month < today.firstOfMonth),
            "issued": .list(issued.map { s in
                ["link": .string("/allocation/statements/\(s.id.lowercasedString)"), "version": .string(String(s.version)),
                 "issuedAt": .string(DateFormat.timestamp(s.issuedAt)),
                 "accepted": .string("\(s.lines.filter { $0.status == .accepted }.count) of \(s.lines.filter { $0.ownerEmail != nil }.count)"),
                 "disputes": .string(String(s.disputes.filter { $0.status == .open }.count))]
            }),
            "changes": .list(changes.map { .string($0) }),
            "acceptance": .string(kpis.acceptanceRate.map { MoneyFormat.percent($0, fractionDigits: 2) } ?? "—"),
            "acceptanceMet": .bool((kpis.acceptanceRate ?? 0) > ChargebackKPIs.acceptanceTarget),
            "acceptedLines": .string(String(kpis.acceptedLines)), "ownedLines": .string(String(kpis.ownedLines)),
            "meanDays": .string(kpis.meanDaysToResolve.map { MoneyFormat.grouped($0, fractionDigits: 1) + " days" } ?? "—"),
            "resolutionMet": .bool(kpis.meanDaysToResolve.map { $0 < ChargebackKPIs.resolutionTargetDays } ?? false),
            "openDisputes": .string(String(kpis.openDisputes)),
        ]
    }

    /// How the live figures differ from the latest issued version, value by value.
    var changes: [String] {
        guard let latest = issued.first else { return [] }
        var notes: [String] = []
        if dimension.updatedAt > latest.issuedAt {
            notes.append("The dimension's settings changed on \(DateFormat.timestamp(dimension.updatedAt)), "
                         + "after version \(latest.version) was issued.")
        }
        for c in statement.currencies {
            for line in c.lines where !line.isUnallocated {
                let before = latest.lines.first { $0.currency == c.currency && $0.key == line.key }?.total ?? .zero
                if before != line.total {
                    notes.append("\(line.value): \(MoneyFormat.amount(before.decimal, currency: c.currency)) in version \(latest.version), "
                                 + "\(MoneyFormat.amount(line.total.decimal, currency: c.currency)) now.")
                }
            }
        }
        return notes
    }

    private func currency(_ c: Chargeback.Currency) -> TemplateValue {
        let money = { (value: Cents) in MoneyFormat.amount(value.decimal, currency: c.currency) }
        return [
            "currency": .string(c.currency),
            "total": .string(money(c.total)), "direct": .string(money(c.direct)), "byRules": .string(money(c.byRules)),
            "taggedAtSource": .string(money(c.taggedAtSource)), "shared": .string(money(c.shared)), "overhead": .string(money(c.overhead)),
            "accuracy": .string(c.allocationAccuracy.map { MoneyFormat.percent($0, fractionDigits: 2) } ?? "—"),
            "accuracyMet": .bool((c.allocationAccuracy ?? 0) > Chargeback.Currency.accuracyTarget),
            "notes": .list(c.notes.map { .string($0) }),
            "lines": .list(c.lines.map { line in
                [
                    "value": .string(line.value), "owner": dimension.owner(of: line.value).map(TemplateValue.string) ?? .null,
                    "direct": .string(money(line.direct)),
                    "byRules": line.byRules == .zero ? .null : .string(money(line.byRules)),
                    "shared": .string(money(line.shared)), "overhead": .string(money(line.overhead)), "total": .string(money(line.total)),
                    "share": .string(line.share.map { MoneyFormat.percent($0, fractionDigits: 2) } ?? "—"),
                    "previous": .string(line.previousMonthTotal.map(money) ?? "—"),
                    "services": .list(line.services.map { ["name": .string($0.serviceName), "cost": .string(money($0.cost))] }),
                ]
            }),
        ]
    }

    private var methodText: String {
        switch dimension.sharedMethod {
        case .proportional: return "split in proportion to each value's direct cost"
        case .even: return "split evenly among the values"
        case .fixed:
            return "split by fixed shares: " + dimension.fixedShares.map { "\($0.value) \(MoneyFormat.grouped($0.percent, fractionDigits: 0)) %" }
                .joined(separator: ", ")
        case .metric: return "split by the usage metric \(dimension.metric ?? "") uploaded for the month"
        }
    }

    private func ruleText(_ match: AssignmentRule.Match) -> String {
        switch match {
        case .connection(let id): return "connection \(connectionNames[id] ?? id.lowercasedString)"
        case .serviceName(let name): return "service \(name)"
        case .resourceIdGlob(let glob): return "resource id like \(glob.pattern)"
        case .tag(let key, let value): return "tag \(key) = \(value)"
        }
    }
}

/// Shown when the organization has no dimension yet.
struct NoDimensionsView: Page {
    static let template = "allocation/chargeback.empty"
    var title: String { "Chargeback" }
    var templateValue: TemplateValue { [:] }
}

struct ChargebackPage {
    let module: AllocationModule

    func add(to routes: Routes) {
        routes.pages.get("/allocation/chargeback") { request, page in
            let today = LocalDate(page.now)
            let month = try CompliancePage.month(request.query["month"], today: today)
            let service = DimensionService(db: page.db, now: page.now)
            let dimensions = try service.dimensions(for: page.principal)
            guard let first = dimensions.first else {
                return try routes.renderer.render(NoDimensionsView(), request: request, session: page.session)
            }
            let dimension = try request.query["dimension"].map { try service.dimension(named: $0, for: page.principal) } ?? first
            let connections = try ConnectionDirectory.connections(organizationId: try page.principal.requireOrganization(), in: page.db)
            let statements = module.statements(db: page.db, now: page.now)
            let view = ChargebackView(statement: try service.chargeback(dimension, month: month, for: page.principal), dimension: dimension,
                                      dimensions: dimensions, figures: try service.figures(month: month, for: page.principal),
                                      connectionNames: Dictionary(uniqueKeysWithValues: connections.map { ($0.id, $0.name) }),
                                      issued: try statements.statements(dimensionName: dimension.name, month: month, for: page.principal),
                                      kpis: try statements.kpis(for: page.principal), today: today)
            return try routes.renderer.render(view, request: request, session: page.session)
        }
        routes.pages.get("/allocation/chargeback.csv") { request, page in
            let month = try CompliancePage.month(request.query["month"], today: LocalDate(page.now))
            let service = DimensionService(db: page.db, now: page.now)
            let dimension = try service.dimension(named: request.query["dimension"] ?? "", for: page.principal)
            let statement = try service.chargeback(dimension, month: month, for: page.principal)
            return .csv(ChargebackCSV.statement(statement), fileName: ChargebackCSV.fileName(statement))
        }
    }
}
