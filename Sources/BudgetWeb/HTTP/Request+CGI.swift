extension Request {
    /// Builds a request from the FastCGI parameters nginx sends (`fastcgi_params` plus `REQUEST_ID`).
    ///
    /// The path comes from `REQUEST_URI` as the client wrote it, so malformed percent-encoding is
    /// caught here (400) rather than normalised away.
    /// - Throws: `HTTPError` 400 for a missing method or URI, a malformed path or query, or a bad
    ///   `CONTENT_LENGTH`.
    public init(cgi params: [String: String]) throws(HTTPError) {
        guard let method = params["REQUEST_METHOD"], !method.isEmpty,
            method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        else {
            throw HTTPError(.badRequest, code: "malformed_request", "The request method is missing or malformed.")
        }
        let uri = params["REQUEST_URI"] ?? params["DOCUMENT_URI"] ?? "/"
        let rawPath = uri.utf8.split(separator: UInt8(ascii: "?"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        guard rawPath.first == UInt8(ascii: "/") else {
            throw HTTPError(.badRequest, code: "malformed_request", "The request path must start with '/'.")
        }
        var segments: [String] = []
        for raw in rawPath.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            guard let segment = PercentDecoding.decode(raw, plusAsSpace: false) else {
                throw HTTPError(.badRequest, code: "malformed_request", "The request path has malformed percent-encoding.")
            }
            segments.append(segment)
        }
        guard let query = Parameters(urlEncoded: Array((params["QUERY_STRING"] ?? "").utf8)) else {
            throw HTTPError(.badRequest, code: "malformed_request", "The query string has malformed percent-encoding.")
        }
        var headers = Headers()
        for (name, value) in params where name.hasPrefix("HTTP_") {
            headers[String(name.dropFirst(5)).replacingUnderscores()] = value
        }
        if let type = params["CONTENT_TYPE"], !type.isEmpty { headers["content-type"] = type }
        if let length = params["CONTENT_LENGTH"], !length.isEmpty {
            guard let n = Int(length), n >= 0 else {
                throw HTTPError(.badRequest, code: "malformed_request", "Content-Length is not a number.")
            }
            headers["content-length"] = String(n)
        }
        self.init(
            method: HTTPMethod(rawValue: method),
            path: "/" + segments.joined(separator: "/"),
            query: query,
            headers: headers,
            cookies: Request.parseCookies(headers["cookie"]),
            requestID: params["REQUEST_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "-",
            remoteAddress: params["REMOTE_ADDR"] ?? "",
            isSecure: params["HTTPS"] == "on"
        )
        self.segments = segments
    }

    /// `a=1; b=2` → `["a": "1", "b": "2"]`; the first of duplicate names wins, as browsers send the most specific first.
    static func parseCookies(_ header: String?) -> [String: String] {
        guard let header else { return [:] }
        var cookies: [String: String] = [:]
        for part in header.split(separator: ";") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = String(part[..<eq]).trimmingSpaces()
            var value = String(part[part.index(after: eq)...]).trimmingSpaces()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            if !name.isEmpty, cookies[name] == nil { cookies[name] = value }
        }
        return cookies
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(self.map { $0 == "_" ? "-" : $0 })
    }
}
