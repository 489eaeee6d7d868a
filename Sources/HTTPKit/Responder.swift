/// What a server (FastCGI, a test) hands its requests to: an application that turns a request
/// into a response and never touches a socket. Each server thread has a context of its own
/// (its database connection), made once by `makeThreadContext`.
public protocol Responder: Sendable {
    associatedtype ThreadContext

    func makeThreadContext() -> ThreadContext

    /// Never throws: every failure becomes an error response.
    func respond(to request: Request, body: any BodySource, context: ThreadContext) -> Response

    /// Answers a request whose parameters could not even be parsed (bad percent-encoding, say).
    func respondToMalformed(_ error: any Error, params: [(String, String)], context: ThreadContext) -> Response
}
