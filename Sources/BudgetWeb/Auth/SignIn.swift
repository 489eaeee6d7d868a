import BudgetCore
import BudgetStorage
import Foundation
import MariaDB
import Sodium

/// Checks an address and a password, for the API's token endpoint and the sign-in page alike.
///
/// Wrong address and wrong password get the same answer and take the same time (an unknown
/// address is checked against a decoy hash). After `maximumFailures` failures for one address in
/// `window`, further attempts are refused until the window has passed, whatever nginx lets through.
struct SignIn {
    let connection: Connection
    let now: Date
    static let maximumFailures = 5
    static let window: TimeInterval = 15 * 60

    func authenticate(email rawEmail: String, password: String) throws -> User {
        let email = EmailAddress.normalized(rawEmail) ?? rawEmail.lowercased()
        let users = MariaDBUserRepository(connection: connection)
        let throttleKey = email.prefix(scalars: 254)
        if try users.failedSignIns(email: throttleKey, since: now.addingTimeInterval(-SignIn.window)) >= SignIn.maximumFailures {
            throw DomainError(.tooManyRequests, "Too many failed sign-ins for this address. Wait 15 minutes and try again.")
        }
        let credentials = try users.credentials(email: email)
        let matches = PasswordHash.verify(password, against: credentials?.passwordHash ?? PasswordHash.decoy)
        guard matches, let user = credentials?.user else {
            try users.recordFailedSignIn(email: throttleKey, at: now)
            throw DomainError(.unauthorized, "The e-mail address or the password is wrong.")
        }
        try users.clearFailedSignIns(email: throttleKey)
        return user
    }
}
