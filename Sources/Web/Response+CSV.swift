public import HTTPKit

extension Response {
    /// A CSV file the browser saves under `fileName` (reports, chargeback statements).
    public static func csv(_ text: String, fileName: String) -> Response {
        var response = Response.text(text, contentType: "text/csv; charset=utf-8")
        response.addHeader("Content-Disposition", "attachment; filename=\"\(fileName)\"")
        response.addHeader("Cache-Control", "no-store")
        return response
    }
}
