/// An error that is already an HTTP answer: status, a stable machine-readable code and a message
/// safe to show. Everything else is converted into one of these by `ErrorResponder`.
public struct HTTPError: Error, Sendable {
    /// One field at fault: `field` is a path such as `thresholdRules[1].triggerType`.
    public struct FieldError: Sendable, Equatable {
        public let field: String
        public let message: String
        public init(_ field: String, _ message: String) {
            self.field = field
            self.message = message
        }
    }

    public var status: HTTPStatus
    /// Stable identifier clients can branch on: `validation_failed`, `not_found`, …
    public var code: String
    public var message: String
    public var fieldErrors: [FieldError]
    public var headers: [(name: String, value: String)]

    public init(
        _ status: HTTPStatus,
        code: String,
        _ message: String,
        fieldErrors: [FieldError] = [],
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    public static func badRequest(_ message: String, field: String? = nil) -> HTTPError {
        HTTPError(.badRequest, code: "bad_request", message, fieldErrors: field.map { [FieldError($0, message)] } ?? [])
    }

    public static let notFound = HTTPError(.notFound, code: "not_found", "Nothing is here.")
}
