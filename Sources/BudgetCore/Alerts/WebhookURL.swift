import Foundation

/// Rules for the URL an organization admin registers to receive events.
///
/// http or https with a host, at most 2,048 characters, no user name or password in it (a secret
/// in a URL ends up in logs). Unless private targets are allowed, a host that names this machine
/// or a private network (`localhost`, 127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16,
/// 100.64/10, ::1, fc00::/7, fe80::/10, in any spelling) is refused, so a tenant cannot make the
/// worker call into its own network. A name that resolves to such an address is refused again
/// when the call is made (`WebhookSender`).
public enum WebhookURL {
    public static func validate(_ text: String?, field: String, allowPrivate: Bool, errors: inout [FieldError]) -> String? {
        guard let text, !text.isEmpty else {
            errors.append(FieldError(field, "is required"))
            return nil
        }
        guard text.utf8.count <= 2048 else {
            errors.append(FieldError(field, "must be at most 2048 characters"))
            return nil
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else {
            errors.append(FieldError(field, "must be an http or https URL such as https://hooks.example.com/budgets"))
            return nil
        }
        guard components.user == nil, components.password == nil else {
            errors.append(FieldError(field, "must not contain a user name or password; authenticate with the signature header"))
            return nil
        }
        if !allowPrivate && isPrivate(host: host) {
            errors.append(FieldError(field, "must not point at this machine or a private network"))
            return nil
        }
        return text
    }

    /// Whether `host` (a name, an IPv4 literal in any of the forms resolvers take, or a bracketed
    /// IPv6 literal) names this machine, a private network or a link-local destination.
    public static func isPrivate(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        return IPAddress(name)?.isPrivate ?? false
    }
}
