import Kernel
import Foundation
import JSON
import Sodium

/// API bearer tokens: JWTs signed with HMAC-SHA-256, and nothing else.
///
/// The algorithm is fixed: a header naming any other algorithm (`none` included) is refused
/// before the signature is looked at, the signature is compared in constant time, and `exp` is
/// required. Claims: `sub` (user id), `org` (organization id), `roles`, `iat`, `exp`, `iss`, `jti`.
struct TokenSigner: Sendable {
    let key: [UInt8]
    /// Seconds a token is valid. Default one hour.
    let lifetime: Int
    static let issuer = "budgetd"
    private static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    struct Claims {
        let userId: UUID
        let expiresAt: Date
    }

    func issue(for user: User, now: Date) -> (token: String, expiresAt: Date) {
        let issuedAt = Int(now.timeIntervalSince1970)
        let expiresAt = issuedAt + lifetime
        let claims: JSONValue = [
            "iss": .string(TokenSigner.issuer),
            "sub": .string(user.id.lowercasedString),
            "org": user.organizationId.map { .string($0.lowercasedString) } ?? .null,
            "roles": .array([.string(user.role.rawValue)] + (user.isPlatformAdmin ? [.string("platform-admin")] : [])),
            "iat": .number(JSONNumber(issuedAt)),
            "exp": .number(JSONNumber(expiresAt)),
            "jti": .string(Base64URL.encode(Sodium.randomBytes(12))),
        ]
        let signingInput = TokenSigner.header + "." + Base64URL.encode(Array(claims.serialized.utf8))
        let signature = Sodium.hmacSHA256(key: key, message: Array(signingInput.utf8))
        return (signingInput + "." + Base64URL.encode(signature), Date(timeIntervalSince1970: TimeInterval(expiresAt)))
    }

    /// - Throws: `.unauthorized` with a reason that reveals nothing about the key.
    func verify(_ token: String, now: Date) throws(DomainError) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count < 4096 else { throw TokenSigner.invalid("is not a JWT") }
        guard let headerBytes = Base64URL.decode(String(parts[0])), let header = try? JSONParser.parse(headerBytes),
            header["alg"] == .string("HS256"), header["typ"] == nil || header["typ"] == .string("JWT")
        else { throw TokenSigner.invalid("must be signed with HS256") }
        guard let signature = Base64URL.decode(String(parts[2])) else { throw TokenSigner.invalid("has a malformed signature") }
        let expected = Sodium.hmacSHA256(key: key, message: Array((parts[0] + "." + parts[1]).utf8))
        guard Sodium.constantTimeEquals(signature, expected) else { throw TokenSigner.invalid("has an invalid signature") }
        guard let payloadBytes = Base64URL.decode(String(parts[1])), let claims = try? JSONParser.parse(payloadBytes) else {
            throw TokenSigner.invalid("has a malformed payload")
        }
        guard claims["iss"] == .string(TokenSigner.issuer) else { throw TokenSigner.invalid("was not issued by budgetd") }
        guard let exp = claims["exp"]?.numberValue?.intValue else { throw TokenSigner.invalid("has no expiry") }
        let nowSeconds = Int(now.timeIntervalSince1970)
        guard exp > nowSeconds else { throw TokenSigner.invalid("has expired") }
        if let iat = claims["iat"]?.numberValue?.intValue, iat > nowSeconds + 60 { throw TokenSigner.invalid("was issued in the future") }
        if let nbf = claims["nbf"]?.numberValue?.intValue, nbf > nowSeconds + 60 { throw TokenSigner.invalid("is not valid yet") }
        guard let sub = claims["sub"]?.stringValue, let userId = UUID(canonical: sub) else { throw TokenSigner.invalid("has no subject") }
        return Claims(userId: userId, expiresAt: Date(timeIntervalSince1970: TimeInterval(exp)))
    }

    static func invalid(_ reason: String) -> DomainError {
        DomainError(.unauthorized, "The bearer token \(reason).")
    }
}
