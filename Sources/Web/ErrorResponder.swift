import HTTPKit
import JSON
import Kernel
import Logging
import MariaDB
import Templating

/// The one place where errors become HTTP answers: JSON under `/api`, an HTML page elsewhere.
struct ErrorResponder: Sendable {
    let templates: TemplateLibrary

    /// Classifies any error thrown while handling `request`. Unexpected errors are logged with their
    /// detail and answered with a generic 500, so internals never reach a client.
    func httpError(for error: any Error, logger: Logger) -> HTTPError {
        switch error {
        case let error as HTTPError:
            return error
        case let error as DomainError:
            var headers: [(name: String, value: String)] = []
            if let seconds = error.retryAfterSeconds { headers.append(("Retry-After", String(seconds))) }
            // A version is what an entity tag says here: `"3"`.
            if let version = error.currentVersion { headers.append(("ETag", "\"\(version)\"")) }
            if error.code == .invalidToken { headers.append(("WWW-Authenticate", "Bearer realm=\"budgetd\", error=\"invalid_token\"")) }
            return HTTPError(ErrorResponder.status(for: error.code), code: error.code.rawValue, error.message,
                             fieldErrors: ErrorResponder.bounded(error.fieldErrors).map { HTTPError.FieldError($0.field, $0.message) },
                             headers: headers)
        case let error as MariaDBError where error.kind == .unavailable:
            logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return HTTPError(.serviceUnavailable, code: "database_unavailable",
                             "The database is unavailable. Try again in a few seconds.", headers: [("Retry-After", "5")])
        case let error as MariaDBError where error.kind == .readOnly:
            logger.warning("database is read-only", metadata: ["error": "\(error)"])
            return HTTPError(.serviceUnavailable, code: "database_read_only",
                             "The database takes no changes right now (it is read-only). Nothing was changed; try again later.",
                             headers: [("Retry-After", "30")])
        case let error as MariaDBError where error.kind == .storageFull:
            logger.error("database storage is full", metadata: ["error": "\(error)"])
            return HTTPError(.insufficientStorage, code: "database_full",
                             "The database has no room for this change (a table or its disk is full). Nothing was changed.",
                             headers: [("Retry-After", "300")])
        // The database refused what validation let through. The transaction was rolled back, so
        // nothing changed; the client hears it was its input, and the log keeps the gap to close.
        case let error as MariaDBError where error.kind == .duplicateKey:
            logger.warning("unexpected duplicate", metadata: ["error": "\(error)"])
            return HTTPError(.conflict, code: "conflict", "This conflicts with something that already exists. Nothing was changed.")
        case let error as MariaDBError where error.kind == .constraintViolation || error.kind == .valueRejected:
            logger.warning("value refused by the database", metadata: ["error": "\(error)"])
            return HTTPError(.badRequest, code: "validation_failed",
                             "A value is too long, too large or breaks a rule of the data. Nothing was changed.")
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return HTTPError(.internalServerError, code: "internal_error", "Something went wrong on our side. It has been logged.")
        }
    }

    /// At most 100 field errors, then one saying how many more: a body of a million wrong
    /// elements gets a readable answer, not a million lines.
    static func bounded(_ errors: [FieldError]) -> [FieldError] {
        guard errors.count > 100 else { return errors }
        return Array(errors.prefix(100)) + [FieldError("body", "has \(errors.count - 100) more problems; fix these first")]
    }

    static func status(for code: DomainError.Code) -> HTTPStatus {
        switch code {
        case .invalid: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        case .unauthorized, .invalidToken: .unauthorized
        case .forbidden: .forbidden
        case .preconditionFailed: .preconditionFailed
        case .unavailable: .serviceUnavailable
        case .tooManyRequests: .tooManyRequests
        default: .badRequest
        }
    }

    func response(for error: HTTPError, request: Request) -> Response {
        var response = request.isAPI ? jsonResponse(for: error) : htmlResponse(for: error)
        for header in error.headers { response.addHeader(header.name, header.value) }
        if error.status == .unauthorized, request.isAPI, response.header("WWW-Authenticate") == nil {
            response.addHeader("WWW-Authenticate", "Bearer realm=\"budgetd\"")
        }
        return response
    }

    private func jsonResponse(for error: HTTPError) -> Response {
        var body: JSONObject = ["error": .string(error.code), "message": .string(error.message)]
        if !error.fieldErrors.isEmpty {
            body["fieldErrors"] = .array(error.fieldErrors.map { .object(["field": .string($0.field), "message": .string($0.message)]) })
        }
        return .json(.object(body), status: error.status)
    }

    private func htmlResponse(for error: HTTPError) -> Response {
        let context: TemplateValue = [
            "title": .string(error.status.reason),
            "status": .string(String(error.status.code)),
            "reason": .string(error.status.reason),
            "message": .string(error.message),
            "fieldErrors": .list(error.fieldErrors.map { ["field": .string($0.field), "message": .string($0.message)] }),
        ]
        let html = (try? templates.render("errors.show", context))
            ?? "<!doctype html><title>\(error.status)</title><h1>\(error.status)</h1>"
        return .html(html, status: error.status)
    }
}
