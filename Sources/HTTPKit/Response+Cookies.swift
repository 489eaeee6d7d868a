extension Response {
    /// Sets a cookie the way budgetd always does: `HttpOnly`, `SameSite=Lax`, `Path=/`, and
    /// `Secure` when the request came over TLS.
    /// - Parameter maxAge: seconds; 0 deletes the cookie.
    public mutating func setCookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) {
        var cookie = "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
        if secure { cookie += "; Secure" }
        addHeader("Set-Cookie", cookie)
    }

    public mutating func deleteCookie(_ name: String, secure: Bool) {
        setCookie(name, "", maxAge: 0, secure: secure)
    }
}
