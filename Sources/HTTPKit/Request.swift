/// One HTTP request as the worker sees it: decoded path and query, headers, cookies and body.
public struct Request {
    public var method: HTTPMethod
    /// The decoded path, e.g. `/api/budgets/123`.
    public var path: String
    /// The decoded path segments; `%2F` inside a segment stays inside it.
    public var segments: [String]
    public var query: Parameters
    public var headers: Headers
    public var cookies: [String: String]
    /// The whole body for ordinary routes; empty for streaming routes, which read `bodyStream`.
    public var body: [UInt8]
    public var bodyStream: (any BodySource)?
    /// nginx's `$request_id`, so a log line can be matched with the access log.
    public var requestID: String
    public var remoteAddress: String
    /// True when nginx received the request over TLS (`HTTPS=on`).
    public var isSecure: Bool
    /// Values of the route's `:name` segments.
    public var parameters: [String: String] = [:]

    public init(
        method: HTTPMethod,
        path: String,
        query: Parameters = Parameters(),
        headers: Headers = Headers(),
        cookies: [String: String] = [:],
        body: [UInt8] = [],
        requestID: String = "-",
        remoteAddress: String = "",
        isSecure: Bool = false
    ) {
        self.init(
            method: method, segments: path.split(separator: "/", omittingEmptySubsequences: true).map(String.init), path: path,
            query: query, headers: headers, cookies: cookies, body: body, requestID: requestID,
            remoteAddress: remoteAddress, isSecure: isSecure)
    }

    init(
        method: HTTPMethod, segments: [String], path: String, query: Parameters, headers: Headers, cookies: [String: String],
        body: [UInt8], requestID: String, remoteAddress: String, isSecure: Bool
    ) {
        self.method = method
        self.path = path
        self.segments = segments
        self.query = query
        self.headers = headers
        self.cookies = cookies
        self.body = body
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.isSecure = isSecure
    }

    /// `CONTENT_LENGTH` as sent; `nil` when absent.
    public var contentLength: Int? { headers["content-length"].flatMap { Int($0) } }

    /// The media type without parameters, lower-cased: `application/json`.
    public var mediaType: String? {
        guard let value = headers["content-type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        return type.trimmingSpaces().lowercased()
    }

    /// True for paths under `/api`, whose errors are JSON.
    public var isAPI: Bool { segments.first == "api" }
}

extension String {
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
