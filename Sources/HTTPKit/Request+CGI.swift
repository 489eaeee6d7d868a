extension Request {
    /// Builds a request from the FastCGI parameters nginx sends (`fastcgi_params` plus `REQUEST_ID`),
    /// in one pass.
    ///
    /// The path comes from `REQUEST_URI` as the client wrote it, so malformed percent-encoding is
    /// caught here (400) rather than normalised away.
    /// - Throws: `HTTPError` 400 for a missing method or URI, a malformed path or query, or a bad
    ///   `CONTENT_LENGTH`.
    public init(cgi params: [(String, String)]) throws(HTTPError) {
        var method = ""
        var uri: String?
        var documentURI: String?
        var queryString = ""
        var headers = Headers()
        var requestID = "-"
        var remoteAddress = ""
        var isSecure = false
        for (name, value) in params {
            switch name {
            case "REQUEST_METHOD": method = value
            case "REQUEST_URI": uri = value
            case "DOCUMENT_URI": documentURI = value
            case "QUERY_STRING": queryString = value
            case "CONTENT_TYPE": if !value.isEmpty { headers.set(lowercased: "content-type", value) }
            case "CONTENT_LENGTH":
                guard !value.isEmpty else { continue }
                guard let n = Int(value), n >= 0 else {
                    throw HTTPError(.badRequest, code: "malformed_request", "Content-Length is not a number.")
                }
                headers.set(lowercased: "content-length", String(n))
            case "REQUEST_ID": if !value.isEmpty { requestID = value }
            case "REMOTE_ADDR": remoteAddress = value
            case "HTTPS": isSecure = value == "on"
            default:
                if name.hasPrefix("HTTP_") { headers.set(lowercased: Request.headerName(fromCGI: name), value) }
            }
        }
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw HTTPError(.badRequest, code: "malformed_request", "The request method is missing or malformed.")
        }
        let uriBytes = Array((uri ?? documentURI ?? "/").utf8)
        let rawPath = uriBytes[..<(uriBytes.firstIndex(of: UInt8(ascii: "?")) ?? uriBytes.endIndex)]
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
        guard let query = Parameters(urlEncoded: Array(queryString.utf8)) else {
            throw HTTPError(.badRequest, code: "malformed_request", "The query string has malformed percent-encoding.")
        }
        self.init(
            method: HTTPMethod(rawValue: method),
            segments: segments,
            path: "/" + segments.joined(separator: "/"),
            query: query,
            headers: headers,
            cookies: Request.parseCookies(headers["cookie"]),
            body: [],
            requestID: requestID,
            remoteAddress: remoteAddress,
            isSecure: isSecure
        )
    }

    /// The same from a dictionary (tests, tools).
    public init(cgi params: [String: String]) throws(HTTPError) {
        try self.init(cgi: params.map { ($0.key, $0.value) })
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

    /// `HTTP_USER_AGENT` → `user-agent`, byte by byte.
    static func headerName(fromCGI name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count - 5)
        for b in name.utf8.dropFirst(5) {
            switch b {
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
