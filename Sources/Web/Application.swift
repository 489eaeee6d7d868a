public import HTTPKit
import Kernel
public import Logging
public import MariaDB
public import Templating

/// The whole web application: routes, templates and settings, shared read-only by every worker
/// thread. It turns a request into a response and never touches a socket, so tests call it directly.
///
/// The features' routes are added to it by the composition (`BudgetdApp`), through `Routes`.
public struct Application: Responder {
    public let router: Router<ThreadContext>
    /// Largest body read into memory for ordinary routes, in bytes (413 beyond it).
    public let bodyLimit: Int
    let errors: ErrorResponder
    let database: ConnectionConfiguration
    let logger: Logger
    let signedInErrorPage: SignedInErrorPage?

    public init(router: Router<ThreadContext>, templates: TemplateLibrary, bodyLimit: Int, database: ConnectionConfiguration,
                logger: Logger, signedInErrorPage: SignedInErrorPage? = nil) {
        self.router = router
        self.bodyLimit = bodyLimit
        self.errors = ErrorResponder(templates: templates)
        self.database = database
        self.logger = logger
        self.signedInErrorPage = signedInErrorPage
    }

    /// The error answer: for a browser with a session, the page with its signed-in header.
    func errorResponse(_ error: HTTPError, request: Request, context: ThreadContext) -> Response {
        guard !request.isAPI, request.cookies[PageRenderer.sessionCookie] != nil,
              var page = signedInErrorPage?(error, request, context) else {
            return errors.response(for: error, request: request)
        }
        for header in error.headers { page.addHeader(header.name, header.value) }
        return page
    }

    /// A worker thread's context: a connection of its own, opened on first use.
    public func makeThreadContext() -> ThreadContext {
        ThreadContext(database: ConnectionSlot(configuration: database), logger: logger)
    }

    /// Answers one request and logs one line for it (method, path, status, duration, request id).
    ///
    /// Never throws: every failure becomes an error response.
    /// - Parameter body: the body as it arrives; read here according to the route's `BodyMode`.
    public func respond(to request: Request, body: any BodySource, context: ThreadContext) -> Response {
        let start = ContinuousClock.now
        var response = route(request, body: body, context: context)
        if request.method == .head { response.body = [] }
        let elapsed = ContinuousClock.now - start
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.path),
                "status": .string(String(response.status.code)),
                "duration_ms": .string(Application.milliseconds(elapsed)),
                "request_id": .string(request.requestID),
            ])
        return response
    }

    private func route(_ request: Request, body: any BodySource, context: ThreadContext) -> Response {
        var request = request
        switch router.match(request.method, request.segments) {
        case .notFound:
            body.drain()
            return errorResponse(.notFound, request: request, context: context)
        case .methodNotAllowed(let allowed):
            body.drain()
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            let error = HTTPError(.methodNotAllowed, code: "method_not_allowed",
                                  "\(request.method) is not allowed here. Allowed: \(list).", headers: [("Allow", list)])
            return errors.response(for: error, request: request)
        case .found(let route, let parameters):
            request.parameters = parameters
            do {
                switch route.body {
                case .buffered:
                    request.body = try readBody(request, from: body, limit: bodyLimit)
                case .streamed(let limit):
                    if let length = request.contentLength, length > limit {
                        body.drain()
                        throw Application.tooLarge(limit: limit)
                    }
                    request.bodyStream = body
                }
                return try route.handler(request, context)
            } catch let redirect as Redirect {
                return PageRenderer.redirect(redirect.location, notice: redirect.notice, secure: request.isSecure)
            } catch {
                return errorResponse(errors.httpError(for: error, logger: context.logger), request: request, context: context)
            }
        }
    }

    private func readBody(_ request: Request, from body: any BodySource, limit: Int) throws -> [UInt8] {
        if let length = request.contentLength, length > limit {
            body.drain()
            throw Application.tooLarge(limit: limit)
        }
        guard let bytes = try body.readAll(limit: limit, expected: request.contentLength) else {
            throw Application.tooLarge(limit: limit)
        }
        return bytes
    }

    static func tooLarge(limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, code: "body_too_large", "The request body is larger than the limit of \(limit) bytes.")
    }

    static func milliseconds(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let whole = micros / 1000
        let fraction = micros % 1000
        return "\(whole)." + Int(fraction).zeroPadded(3)
    }
}

extension Application {
    /// Answers a request whose CGI parameters could not even be parsed (bad percent-encoding, a
    /// malformed method): 400 in the right format for where it was going, and the usual log line.
    public func respondToMalformed(_ error: any Error, params: [(String, String)], context: ThreadContext) -> Response {
        let value = { (name: String) in params.first { $0.0 == name }?.1 }
        let uri = value("REQUEST_URI") ?? "/"
        let rawPath = String(uri.prefix { $0 != "?" })
        var request = Request(method: HTTPMethod(rawValue: value("REQUEST_METHOD") ?? "-"), path: "/")
        request.path = rawPath
        request.segments = rawPath == "/api" || rawPath.hasPrefix("/api/") ? ["api"] : []
        request.requestID = value("REQUEST_ID") ?? "-"
        let response = errors.response(for: errors.httpError(for: error, logger: context.logger), request: request)
        context.logger.info(
            "request",
            metadata: ["method": "\(request.method)", "path": "\(rawPath)", "status": "\(response.status.code)",
                       "duration_ms": "0.000", "request_id": "\(request.requestID)"])
        return response
    }
}
