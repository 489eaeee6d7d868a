import Foundation
import HTTPKit
import Kernel
import Templating
import Tenancy
import Web

/// `/connections/:id/imports/:importId`: everything an import did, as the API's answer says it:
/// rows, the billing periods it replaced and the earlier imports they came from, totals, services
/// added, every warning; or, for a refused file, why.
struct ImportView: Page {
    static let template = "cost-data/imports.show"
    var title: String { "Import \(record.id) into \(connection.name)" }
    let connection: CSPConnection
    let record: ImportRecord

    var templateValue: TemplateValue {
        let money = { (value: Decimal?) in value.map { MoneyFormat.amount($0, currency: connection.currency) } ?? "—" }
        let base = "/connections/\(connection.id.lowercasedString)"
        return [
            "row": ImportRow(connection: connection, record: record).templateValue,
            "connectionName": .string(connection.name), "connectionLink": .string("\(base)#connection-\(connection.id.lowercasedString)"),
            "billingPeriodNames": .string(record.billingPeriods.compactMap(LocalDate.init(iso:)).map(DateFormat.longMonth)
                .joined(separator: ", ")),
            "billed": .string(money(record.billedTotal)), "effective": .string(money(record.effectiveTotal)),
            "replacedRows": .string(record.replacedRows.map { MoneyFormat.grouped(Decimal($0), fractionDigits: 0) } ?? "0"),
            "replacedAny": .bool((record.replacedRows ?? 0) > 0),
            "replacedImports": .list(record.replacedImports.enumerated().map { index, number in
                ["number": .string(String(number)), "link": .string("\(base)/imports/\(number)"), "first": .bool(index == 0)]
            }),
            "servicesAdded": .list(record.servicesAdded.map(TemplateValue.string)),
            "warnings": .list(record.warnings.map(TemplateValue.string)),
            "problems": .list(record.problems.map(TemplateValue.string)),
            "checksum": .string(record.checksum ?? "—"),
            "bytes": .string(record.bytes.map { MoneyFormat.grouped(Decimal($0), fractionDigits: 0) } ?? "—"),
        ]
    }
}

struct ImportPage {
    let module: CostDataModule

    func add(to routes: Routes) {
        routes.pages.get("/connections/:id/imports/:importId") { request, page in
            let (csp, record) = try ImportService(db: page.db, now: routes.clock, observers: [], logger: page.logger)
                .record(try request.importNumber(), connectionId: try request.connectionId(), for: page.principal)
            return try routes.renderer.render(ImportView(connection: csp, record: record), request: request, session: page.session)
        }
    }
}
