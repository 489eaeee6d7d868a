import BudgetCore
import Foundation
import JSON

/// `/api/auth/token` and `/api/me`: how an API client signs in and learns who it is.
enum AuthRoutes {
    static func add(to router: inout Router, _ services: Services) {
        router.post("/api/auth/token") { request, context in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["email", "password", "organizationId"])
            let email = fields.requiredString("email")
            let password = fields.requiredString("password")
            var organizationId: UUID?
            if let text = fields.string("organizationId") {
                organizationId = UUID(canonical: text)
                if organizationId == nil { fields.errors.append(FieldError("organizationId", "must be a UUID")) }
            }
            try fields.check()
            guard let email, let password else { throw DomainError.invalid(fields.errors) }
            let signIn = SignIn(connection: try context.connection(), now: services.now, client: request.remoteAddress,
                                knownDevice: services.sessions.isKnownDevice(request, email: email))
            let user: User
            do {
                user = try signIn.authenticate(email: email, password: password, organizationId: organizationId)
            } catch let ambiguous as SignIn.Ambiguous {
                let choices = ambiguous.organizations.map { "\($0.name) (\($0.id.lowercasedString))" }.joined(separator: ", ")
                throw DomainError(.invalid, "This address signs in to several organizations with this password; say which one.",
                                  fieldErrors: [FieldError("organizationId", "is required: one of \(choices)")])
            }
            let (token, expiresAt) = services.tokens.issue(for: user, now: services.now)
            var response = Response.json([
                "token": .string(token),
                "tokenType": "Bearer",
                "expiresAt": .string(UTCTimestamp.iso8601(expiresAt)),
                "expiresIn": .number(JSONNumber(services.configuration.tokenLifetime)),
            ])
            response.addHeader("Cache-Control", "no-store")
            return response
        }

        router.get("/api/me") { request, context in
            let connection = try context.connection()
            let principal = try services.authenticator.principal(for: request, connection: connection, now: services.now)
            return .json(TenancyJSON.principal(principal))
        }
    }
}
