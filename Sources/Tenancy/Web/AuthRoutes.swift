import Foundation
import HTTPKit
import JSON
import Kernel
import Web

/// `/api/auth/token` and `/api/me`: how an API client signs in, learns who it is and sets its time zone.
struct AuthRoutes {
    let module: TenancyModule
    var tokens: TokenSigner { module.tokens }
    var sessions: Sessions { module.sessions }
    var settings: TenancySettings { module.settings }

    func add(to routes: Routes) {
        routes.open.post("/api/auth/token") { request, open in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["email", "password", "organizationId"])
            let email = fields.requiredString("email")
            let password = fields.requiredString("password")
            var organizationId: UUID?
            if let text = fields.string("organizationId") {
                organizationId = UUID(canonical: text)
                if organizationId == nil { fields.errors.add("organizationId", "must be a UUID") }
            }
            try fields.check()
            guard let email, let password else { throw DomainError.invalid(fields.errors.list) }
            let signIn = SignIn(db: open.db, now: open.now, client: request.remoteAddress,
                                knownDevice: sessions.isKnownDevice(request.cookies[Sessions.deviceCookie], email: email))
            let user: User
            do {
                user = try signIn.authenticate(email: email, password: password, organizationId: organizationId)
            } catch let ambiguous as SignIn.Ambiguous {
                let choices = ambiguous.organizations.map { "\($0.name) (\($0.id.lowercasedString))" }.joined(separator: ", ")
                throw DomainError(.invalid, "This address signs in to several organizations with this password; say which one.",
                                  fieldErrors: [FieldError("organizationId", "is required: one of \(choices)")])
            }
            let (token, expiresAt) = tokens.issue(for: user, now: open.now)
            var response = Response.json([
                "token": .string(token),
                "tokenType": "Bearer",
                "expiresAt": .string(UTCTimestamp.iso8601(expiresAt)),
                "expiresIn": .number(JSONNumber(settings.tokenLifetime)),
            ])
            response.addHeader("Cache-Control", "no-store")
            return response
        }

        routes.api.get("/api/me") { _, api in .json(TenancyJSON.principal(api.principal)) }

        /// One's own settings: the time zone pages write times in.
        routes.api.patch("/api/me") { request, api in
            var fields = JSONFields(try request.jsonObject())
            fields.rejectUnknown(["timeZone"])
            let zone = fields.string("timeZone")
            if zone?.isEmpty == true { fields.errors.add("timeZone", "must be an IANA time zone such as Europe/Paris, or null") }
            try fields.errors.check()
            let user = try module.users(api.db, now: api.now).setTimeZone(zone, for: api.principal)
            return .json(TenancyJSON.principal(user.principal))
        }
    }
}
