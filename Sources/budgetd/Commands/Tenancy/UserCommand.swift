import ArgumentParser
import Foundation
import Kernel
import MariaDB
import Tenancy

/// `budgetd user add`: the first platform administrator, and any user an operator must create.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage users from the command line.",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: """
                Create a user, or reset the password of the organization's (or the platform's) account with that address; \
                the password is read from stdin.
                """,
            discussion: "Example: echo 'a long passphrase' | budgetd user add --platform-admin --email ops@example.com"
        )

        @Option(help: "The user's e-mail address (their sign-in name).")
        var email: String

        @Flag(help: "May create organizations.")
        var platformAdmin = false

        @Option(help: "Name of the organization the user belongs to (created if missing).")
        var organization: String?

        @Option(help: "Role in the organization: viewer, editor or admin.")
        var role: String = "admin"

        @Flag(help: "Accept a password shorter than 10 characters (local demos only).")
        var allowShortPassword = false

        func run() throws {
            let configuration = try Startup.configuration()
            guard let address = EmailAddress.normalized(email) else { Startup.fail("--email: not a valid e-mail address") }
            guard let role = Role(rawValue: role) else { Startup.fail("--role: must be viewer, editor or admin") }
            guard platformAdmin || organization != nil else { Startup.fail("give --organization NAME, or --platform-admin, or both") }
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let password = String(decoding: input, as: UTF8.self).trimmingCharacters(in: .newlines)
            if password.isEmpty { Startup.fail("no password on stdin") }
            if password.count < TenancyValidator.minimumPasswordLength && !allowShortPassword {
                Startup.fail("the password must be at least \(TenancyValidator.minimumPasswordLength) characters")
            }
            do {
                let connection = try Connection(configuration: configuration.database)
                // An account is the organization's (or the platform's): the same address elsewhere is another account.
                let user = try TenancyService(db: connection).createOrReset(
                    email: address, password: password, role: role, platformAdmin: platformAdmin, organizationName: organization)
                print("user \(user.email) (\(user.id.lowercasedString)) role=\(user.role.rawValue)\(user.isPlatformAdmin ? " platform-admin" : "")")
            } catch {
                Startup.fail("\(error)")
            }
        }
    }
}
