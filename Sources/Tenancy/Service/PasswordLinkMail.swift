import Foundation
import Kernel
import Templating

/// The e-mail that carries a password link (an invitation or a reset), rendered from
/// `templates/tenancy/emails/`, the text part unescaped.
struct PasswordLinkMail {
    let subject: String
    let text: String
    let html: String

    /// - Parameters:
    ///   - token: the link's secret, which only this e-mail carries.
    ///   - invitedBy: who added the user (invitations).
    init(purpose: PasswordLink.Purpose, user: User, organizationName: String, token: String, expiresAt: Date, invitedBy: String?,
         templates: TemplateLibrary, publicURL: String) throws {
        let base = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        subject = purpose == .invitation
            ? "You are invited to \(organizationName) on budgetd"
            : "Reset your budgetd password for \(organizationName)"
        let context: TemplateValue = [
            "subject": .string(subject),
            "isInvitation": .bool(purpose == .invitation),
            "organizationName": .string(organizationName),
            "email": .string(user.email),
            "role": .string(user.role.rawValue),
            "invitedBy": .string(invitedBy ?? "An administrator"),
            "expires": .string(DateFormat.timestamp(expiresAt)),
            // In the query, not the path: the worker logs paths, and nginx's log masks `token=` (budgetd.site.conf).
            "link": .string("\(base)/password/new?token=\(token)"),
            "signInLink": .string("\(base)/login"),
        ]
        text = try templates.render("tenancy/emails/password-link.text", context, as: .plainText)
        html = try templates.render("tenancy/emails/password-link.html", context)
    }
}
