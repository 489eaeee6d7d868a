public import JSON

/// What a handler answers.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: HTTPStatus = .ok, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Replaces every value of `name` with `value`.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    public mutating func addHeader(_ name: String, _ value: String) { headers.append((name, value)) }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> Response {
        var body: [UInt8] = []
        body.reserveCapacity(512)
        value.write(into: &body)
        return Response(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }

    /// 201 with the new resource as JSON and its address in `Location`: what every create answers.
    public static func created(_ value: JSONValue, location: String) -> Response {
        var response = json(value, status: .created)
        response.addHeader("Location", location)
        return response
    }

    public static func html(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// A 303 to `location`, so that reloading the next page does not submit the form again.
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> Response {
        Response(status: status, headers: [("Location", location)])
    }

    public static let noContent = Response(status: .noContent)
}

extension Response: CustomDebugStringConvertible {
    /// Status, headers and the body as text: what a failing test should print.
    public var debugDescription: String {
        "\(status)\n" + headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n\n" + String(bodyText.prefix(2000))
    }
}
