import CSodium

/// Argon2id password hashes in the encoded form (`$argon2id$v=19$m=65536,t=2,p=1$…`), which carries
/// its own salt and cost (`crypto_pwhash_str_alg`, `crypto_pwhash_str_verify`).
public enum PasswordHash {
    /// libsodium's "interactive" cost: 64 MiB and 2 passes, about 80 ms here.
    public static func hash(_ password: String) throws(PasswordHashError) -> String {
        Sodium.ensureInitialized()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let (pw, length) = cString(password)
        let rc = crypto_pwhash_str_alg(&out, pw, UInt64(length), UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE),
                                       Int(crypto_pwhash_MEMLIMIT_INTERACTIVE), crypto_pwhash_ALG_ARGON2ID13)
        guard rc == 0 else { throw PasswordHashError() }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `password` matches `encoded`; false for any malformed hash.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        Sodium.ensureInitialized()
        guard encoded.hasPrefix("$argon2id$") else { return false }
        var hash = Array(encoded.utf8).map { CChar(bitPattern: $0) }
        hash.append(0)
        let (pw, length) = cString(password)
        return crypto_pwhash_str_verify(hash, pw, UInt64(length)) == 0
    }

    /// The password's bytes with a terminating zero (so even "" has an address) and its length.
    private static func cString(_ text: String) -> ([CChar], Int) {
        var bytes = text.utf8.map { CChar(bitPattern: $0) }
        let length = bytes.count
        bytes.append(0)
        return (bytes, length)
    }

    /// A hash of a random password: verified against when an address is unknown, so that
    /// answering "no such user" takes as long as "wrong password".
    public static let decoy: String = (try? hash(Base64URL.encode(Sodium.randomBytes(16)))) ?? ""
}

/// libsodium could not allocate the memory Argon2id needs.
public struct PasswordHashError: Error, CustomStringConvertible {
    public var description: String { "password hashing failed (out of memory)" }
}
