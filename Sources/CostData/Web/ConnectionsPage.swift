import Foundation
import HTTPKit
import Kernel
import MariaDB
import Templating
import Tenancy
import Web

/// `/connections` as the template draws it: each connection with its catalogue and recent imports,
/// and for admins the forms that add, rename and fill them.
struct ConnectionsIndex: Page {
    static let template = "cost-data/connections.index"
    let title = "Connections"
    let address: String? = "/connections"
    var connections: [Item]
    /// A form that failed, with what was typed into it and why.
    var failure: ConnectionFormFailure?

    struct Item: TemplateRenderable {
        let connection: CSPConnection
        let services: [CSPService]
        let imports: [ImportRecord]
        let failure: ConnectionFormFailure?

        var templateValue: TemplateValue {
            let id = connection.id
            var rename: (name: String, errors: [FieldError])?
            var service: (name: String, category: String, errors: [FieldError])?
            var upload: [String] = []
            switch failure {
            case .rename(id, let name, let errors): rename = (name, errors)
            case .service(id, let name, let category, let errors): service = (name, category, errors)
            case .upload(id, let problems): upload = problems
            default: break
            }
            return [
                "id": .string(id.lowercasedString),
                "name": .string(connection.name),
                "provider": .string(connection.provider.label),
                "currency": .string(connection.currency),
                "serviceCount": .string(String(services.count)),
                "services": .list(services.map { s in
                    ["name": .string(s.serviceName), "category": .string(s.serviceCategory ?? "—")]
                }),
                "imports": .list(imports.map { ImportRow(connection: connection, record: $0).templateValue }),
                "renameValue": .string(rename?.name ?? connection.name),
                "renameError": (rename?.errors ?? []).message(for: "name"),
                "renameOpen": .bool(rename != nil),
                "serviceName": .string(service?.name ?? ""), "serviceCategory": .string(service?.category ?? ""),
                "serviceNameError": (service?.errors ?? []).message(for: "serviceName"),
                "serviceCategoryError": (service?.errors ?? []).message(for: "serviceCategory"),
                "servicesOpen": .bool(service != nil),
                "uploadErrors": .list(upload.map(TemplateValue.string)),
            ]
        }
    }

    var templateValue: TemplateValue {
        var create: (name: String, provider: String, currency: String, errors: [FieldError])?
        if case .create(let name, let provider, let currency, let errors) = failure { create = (name, provider, currency, errors) }
        let errors = create?.errors ?? []
        return [
            "connections": .rows(connections),
            "newName": .string(create?.name ?? ""), "newCurrency": .string(create?.currency ?? "USD"),
            "providers": .list(Provider.allCases.map { p in
                ["value": .string(p.rawValue), "label": .string(p.label), "selected": .bool(p.rawValue == (create?.provider ?? "aws"))]
            }),
            "newNameError": errors.message(for: "name"), "newProviderError": errors.message(for: "provider"),
            "newCurrencyError": errors.message(for: "currency"), "createFailed": .bool(create != nil),
        ]
    }
}

/// One line of a connection's import history, linking to the import's own page.
struct ImportRow: TemplateRenderable {
    let connection: CSPConnection
    let record: ImportRecord

    var templateValue: TemplateValue {
        [
            "number": .string(String(record.id)),
            "link": .string("/connections/\(connection.id.lowercasedString)/imports/\(record.id)"),
            "when": .string(DateFormat.timestamp(record.startedAt)),
            "who": .string(record.createdByEmail ?? record.channel.rawValue),
            "file": .string(record.fileName),
            "rows": .string(record.rows.map { MoneyFormat.grouped(Decimal($0), fractionDigits: 0) } ?? "—"),
            "periods": .string(record.billingPeriods.map { String($0.prefix(7)) }.joined(separator: ", ")),
            "total": .string(record.billedTotal.map { MoneyFormat.amount($0, currency: connection.currency) } ?? "—"),
            "failed": .bool(record.status == .failed),
            "reason": .string(record.problems.first ?? ""),
            "warningCount": .string(record.warnings.isEmpty ? "" : "\(record.warnings.count) warning\(record.warnings.count == 1 ? "" : "s")"),
        ]
    }
}

/// Which form on the connections page failed, and what to show again in it.
enum ConnectionFormFailure {
    case create(name: String, provider: String, currency: String, errors: [FieldError])
    case rename(UUID, name: String, errors: [FieldError])
    case service(UUID, name: String, category: String, errors: [FieldError])
    case upload(UUID, problems: [String])
}

/// `/connections`: the organization's connections with their catalogues and recent cost imports;
/// admins add and rename connections, add services and upload FOCUS files (CSV or gzip), streamed
/// into the same importer as the API (see `ConnectionForms` and `ImportPage`).
struct ConnectionsPage {
    let module: CostDataModule

    func add(to routes: Routes) {
        routes.pages.get("/connections") { request, page in
            try ConnectionsPage.render(request, routes: routes, context: page)
        }
        ConnectionForms(module: module).add(to: routes)
        ImportPage(module: module).add(to: routes)
    }

    /// The page, with a failed form's values and errors (status 400) when there is one.
    static func render(_ request: Request, routes: Routes, context: PageContext, failure: ConnectionFormFailure? = nil,
                       status: HTTPStatus = .ok) throws -> Response {
        let connections = try ConnectionDirectory.connections(organizationId: try context.principal.requireOrganization(), in: context.db)
        let catalogues = try ConnectionDirectory.services(connectionIds: connections.map(\.id), in: context.db)
        let items = try connections.map { csp in
            ConnectionsIndex.Item(connection: csp, services: catalogues[csp.id] ?? [],
                                  imports: try ImportLog.recent(connectionId: csp.id, limit: 5, in: context.db), failure: failure)
        }
        return try routes.renderer.render(ConnectionsIndex(connections: items, failure: failure), request: request, session: context.session,
                                          status: status)
    }
}
