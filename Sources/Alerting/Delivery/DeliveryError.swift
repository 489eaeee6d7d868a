/// Why a message could not be delivered this time; kept as the outbox row's `last_error`, so it
/// says what an operator needs (the command's status and output, the HTTP status), never a secret.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
