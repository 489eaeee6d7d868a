/// Why a message could not be delivered this time; kept as the outbox row's `last_error`, so it
/// says what an operator needs (the command's status and output, the HTTP status), never a secret.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// Whether trying again cannot help (the webhook was removed): the message fails at once.
    public let isPermanent: Bool

    public init(_ message: String, permanent: Bool = false) {
        self.message = message
        self.isPermanent = permanent
    }

    public var description: String { message }
}
