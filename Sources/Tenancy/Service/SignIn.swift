import Foundation
import Kernel
import MariaDB
import Sodium

/// Checks an address and a password, for the API's token endpoint and the sign-in page alike.
///
/// Wrong address and wrong password get the same answer and take the same time: every attempt
/// verifies at least `minimumVerifications` hashes (decoys stand in for accounts that do not
/// exist), so neither the answer nor its time tells how many organizations know an address.
///
/// Guessing is slowed where it comes from: after `freeFailures` failures for an address from one
/// client within `window`, that client waits before each further try, twice as long each time (30
/// seconds, a minute, … up to the window). The owner signing in elsewhere is not held up. Only when
/// many clients together fail `addressWideFailures` times for one address (a distributed attack)
/// must a sign-in come from a browser that signed in as that address before (`knownDevice`).
struct SignIn {
    let db: Connection
    let now: Date
    /// Where the attempt comes from: the client's address as nginx saw it.
    let client: String
    /// The browser presents a device cookie from an earlier sign-in with this address.
    let knownDevice: Bool

    static let freeFailures = 5
    static let window: TimeInterval = 15 * 60
    static let firstDelay: TimeInterval = 30
    static let addressWideFailures = 50
    static let minimumVerifications = 2

    /// The address has accounts in several organizations that this password opens: the person chooses.
    struct Ambiguous: Error {
        let organizations: [(id: UUID, name: String)]
    }

    /// - Parameter organizationId: which of the address's accounts, when it has several.
    /// - Throws: `.unauthorized` for a wrong address or password, `.tooManyRequests` (with the
    ///   seconds to wait) while throttled, `Ambiguous` when the organization must be chosen.
    func authenticate(email rawEmail: String, password: String, organizationId: UUID? = nil) throws -> User {
        let email = EmailAddress.normalized(rawEmail) ?? rawEmail.lowercased()
        let key = email.prefix(scalars: 254)
        let clientKey = client.prefix(scalars: 64)
        let failures = try UserStore.failedSignIns(email: key, client: clientKey, since: now.addingTimeInterval(-SignIn.window), in: db)
        try checkThrottle(failures)

        let candidates = try UserStore.accounts(email: email, in: db).filter { organizationId == nil || $0.user.organizationId == organizationId }
        var matches: [User] = []
        for candidate in candidates where PasswordHash.verify(password, against: candidate.passwordHash) {
            matches.append(candidate.user)
        }
        for _ in candidates.count..<max(candidates.count, SignIn.minimumVerifications) {
            _ = PasswordHash.verify(password, against: PasswordHash.decoy)
        }
        guard let user = matches.first else {
            try db.transaction { tx in try UserStore.recordFailedSignIn(email: key, client: clientKey, at: now, in: tx) }
            throw DomainError(.unauthorized, "The e-mail address or the password is wrong.")
        }
        try db.transaction { tx in try UserStore.clearFailedSignIns(email: key, client: clientKey, in: tx) }
        if matches.count > 1 {
            let names = try OrganizationStore.names(matches.compactMap(\.organizationId), in: db)
            throw Ambiguous(organizations: matches.compactMap { match in
                match.organizationId.map { ($0, names[$0] ?? "Organization") }
            }.sorted { $0.name < $1.name })
        }
        return user
    }

    private func checkThrottle(_ failures: (all: Int, fromClient: Int, lastFromClient: Date?)) throws {
        if failures.all >= SignIn.addressWideFailures, !knownDevice {
            throw DomainError(.tooManyRequests,
                              "Too many failed sign-ins for this address from many places. Sign in from a browser you have used "
                              + "with this address before, or try again in 15 minutes.", retryAfterSeconds: Int(SignIn.window))
        }
        guard failures.fromClient >= SignIn.freeFailures, let last = failures.lastFromClient else { return }
        let delay = SignIn.delay(afterFailures: failures.fromClient)
        let wait = last.addingTimeInterval(delay).timeIntervalSince(now)
        if wait > 0 {
            let seconds = Int(wait.rounded(.up))
            throw DomainError(.tooManyRequests,
                              "Too many failed sign-ins for this address from here. Try again in \(SignIn.describe(seconds)).",
                              retryAfterSeconds: seconds)
        }
    }

    /// 30 s after the fifth failure, then twice as long after each further one, at most the window.
    static func delay(afterFailures count: Int) -> TimeInterval {
        guard count >= freeFailures else { return 0 }
        return min(window, firstDelay * pow(2, Double(min(count - freeFailures, 10))))
    }

    static func describe(_ seconds: Int) -> String {
        seconds < 90 ? "\(seconds) seconds" : "\((seconds + 59) / 60) minutes"
    }
}
