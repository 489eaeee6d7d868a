@testable import Tenancy
import Kernel
import Foundation
import Sodium
import Testing

@Suite("API tokens")
struct TokenSignerTests {
    let signer = TokenSigner(key: Array(repeating: 7, count: 32), lifetime: 3600)
    let user = User(id: UUID(), organizationId: UUID(), email: "a@example.com", role: .editor, isPlatformAdmin: false, createdAt: Date())
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    @Test("a token verifies until it expires")
    func expiry() throws {
        let (token, expiresAt) = signer.issue(for: user, now: now)
        #expect(try signer.verify(token, now: now).userId == user.id)
        #expect(expiresAt == now.addingTimeInterval(3600))
        #expect(throws: DomainError.self) { try signer.verify(token, now: now.addingTimeInterval(3600)) }
    }

    @Test("forged tokens are refused", arguments: ["none", "HS512", "RS256"])
    func otherAlgorithms(algorithm: String) {
        let (token, _) = signer.issue(for: user, now: now)
        let parts = token.split(separator: ".").map(String.init)
        let header = Base64URL.encode(Array(#"{"alg":"\#(algorithm)","typ":"JWT"}"#.utf8))
        #expect(throws: DomainError.self) { try signer.verify("\(header).\(parts[1]).\(parts[2])", now: now) }
        #expect(throws: DomainError.self) { try signer.verify("\(header).\(parts[1]).", now: now) }
    }

    @Test("a changed payload or another key fails the signature")
    func tampering() {
        let (token, _) = signer.issue(for: user, now: now)
        let parts = token.split(separator: ".").map(String.init)
        let other = Base64URL.encode(Array(#"{"iss":"budgetd","sub":"\#(UUID().uuidString.lowercased())","exp":9999999999}"#.utf8))
        #expect(throws: DomainError.self) { try signer.verify("\(parts[0]).\(other).\(parts[2])", now: now) }
        let stranger = TokenSigner(key: Array(repeating: 8, count: 32), lifetime: 3600)
        #expect(throws: DomainError.self) { try stranger.verify(token, now: now) }
        #expect(throws: DomainError.self) { try signer.verify("a.b", now: now) }
        #expect(throws: DomainError.self) { try signer.verify(String(repeating: "a", count: 5000), now: now) }
    }
}
