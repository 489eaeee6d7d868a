/// E-mail addresses as alert recipients and sign-in names.
public enum EmailAddress {
    /// The address trimmed and lower-cased, or `nil` when it is not a deliverable-looking
    /// `local@domain.tld` (no spaces, no quoted local parts, at most 254 characters).
    public static func normalized(_ text: String) -> String? {
        guard text.unicodeScalars.count <= 254 else { return nil }
        let address = text.trimmingWhitespaceAndNewlines().lowercased()
        guard address.utf8.count <= 254, address.allSatisfy({ $0.isASCII }) else { return nil }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-")
        guard (1...64).contains(local.count), local.allSatisfy(localAllowed.contains),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return nil }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for label in labels {
            guard (1...63).contains(label.count), label.allSatisfy(labelAllowed.contains),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return nil }
        }
        guard let tld = labels.last, tld.count >= 2, !tld.allSatisfy(\.isNumber) else { return nil }
        return address
    }
}

extension String {
    public func trimmingWhitespaceAndNewlines() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
