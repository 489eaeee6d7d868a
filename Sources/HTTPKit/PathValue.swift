/// A path parameter's type: `request.parameters.require("id", as: UUID.self, …)` parses it, and a
/// value that does not parse answers by itself, with the error the type says (a 404 for an id
/// that cannot name anything, a 400 naming the parameter for a month like `2025-13`).
public protocol PathValue {
    init?(pathSegment: String)
}

extension Int: PathValue {
    public init?(pathSegment: String) { self.init(pathSegment) }
}

extension String: PathValue {
    public init?(pathSegment: String) { self = pathSegment }
}

extension Request {
    /// The `:name` segment of the route as a `T`.
    /// - Parameter invalid: what to throw when the segment does not parse.
    public func parameter<T: PathValue>(_ name: String, as type: T.Type = T.self, invalid: @autoclosure () -> any Error) throws -> T {
        guard let text = parameters[name], let value = T(pathSegment: text) else { throw invalid() }
        return value
    }
}
