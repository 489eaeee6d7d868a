import Sodium

/// Keys derived from `BUDGETD_JWT_SECRET`, one per purpose, so a value signed for one use (an API
/// token) can never pass as another (a session cookie or a CSRF token).
struct SigningKeys: Sendable {
    let apiToken: [UInt8]
    let session: [UInt8]
    let csrf: [UInt8]
    let device: [UInt8]

    /// - Parameter secret: at least 32 characters; the executable checks this at start-up.
    init(secret: String) {
        let master = Array(secret.utf8)
        apiToken = Sodium.hmacSHA256(key: master, message: Array("budgetd/api-token/v1".utf8))
        session = Sodium.hmacSHA256(key: master, message: Array("budgetd/session/v1".utf8))
        csrf = Sodium.hmacSHA256(key: master, message: Array("budgetd/csrf/v1".utf8))
        device = Sodium.hmacSHA256(key: master, message: Array("budgetd/device/v1".utf8))
    }
}
