extension Request {
    /// The body of an HTML form (`application/x-www-form-urlencoded`).
    /// - Throws: 415 for another content type, 400 for malformed encoding.
    public func form() throws(HTTPError) -> Parameters {
        guard mediaType == "application/x-www-form-urlencoded" else {
            throw HTTPError(.unsupportedMediaType, code: "unsupported_media_type", "This form must be sent as application/x-www-form-urlencoded.")
        }
        guard let form = Parameters(urlEncoded: body) else {
            throw HTTPError(.badRequest, code: "malformed_request", "The form data is malformed.")
        }
        return form
    }
}
