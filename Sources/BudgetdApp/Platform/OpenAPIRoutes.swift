import HTTPKit
import JSON
import Templating
import Web

/// The API's contract: the OpenAPI document as served, and a reference page rendered from it.
enum OpenAPIRoutes {
    static func add(to routes: Routes, document: JSONValue, templates: TemplateLibrary) {
        var body: [UInt8] = []
        document.write(into: &body)
        let json = body
        routes.bare.get("/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "public, max-age=300")],
                     body: json)
        }
        let page = APIReference(document: document).context
        routes.bare.get("/api/docs") { _, _ in
            .html(try templates.render("platform/api.docs", page))
        }
    }
}
