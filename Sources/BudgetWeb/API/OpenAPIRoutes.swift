import JSON
import Templating

/// The API's contract: the OpenAPI document as served, and a reference page rendered from it.
enum OpenAPIRoutes {
    static func add(to router: inout Router, _ services: Services) {
        let document = services.configuration.openAPI
        var body: [UInt8] = []
        document.write(into: &body)
        let json = body
        router.get("/api/openapi.json") { _, _ in
            Response(status: .ok, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "public, max-age=300")], body: json)
        }
        let page = APIReference(document: document).context
        router.get("/api/docs") { _, _ in
            .html(try services.templates.render("api.docs", page))
        }
    }
}
