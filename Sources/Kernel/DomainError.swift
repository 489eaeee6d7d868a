/// A problem with a message that is safe to show to the person who caused it.
///
/// The code says what kind of problem it is; the web layer turns each code into one HTTP status,
/// in one place. Messages never carry internal detail (SQL, paths, stack traces).
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The input breaks a rule; `fieldErrors` says which fields and why.
        public static let invalid = Code("validation_failed")
        /// It does not exist, or it belongs to another organization (indistinguishable on purpose).
        public static let notFound = Code("not_found")
        /// It clashes with something that exists (a name already taken).
        public static let conflict = Code("conflict")
        /// The caller did not prove who they are.
        public static let unauthorized = Code("unauthorized")
        /// The caller's credential (a bearer token) is invalid: expired, forged, or its user is gone.
        public static let invalidToken = Code("invalid_token")
        /// The caller is known but may not do this.
        public static let forbidden = Code("forbidden")
        /// The caller's copy is stale (optimistic locking).
        public static let preconditionFailed = Code("precondition_failed")
        /// A dependency (the database) is down; try again later.
        public static let unavailable = Code("unavailable")
        /// Too many attempts in a short time.
        public static let tooManyRequests = Code("too_many_requests")
    }

    public let code: Code
    public let message: String
    public let fieldErrors: [FieldError]
    /// When trying again makes sense: seconds to wait (a throttled sign-in, say).
    public let retryAfterSeconds: Int?
    /// For `.preconditionFailed`: the version the thing is at now, so the caller can read it again.
    public let currentVersion: Int?

    public init(_ code: Code, _ message: String, fieldErrors: [FieldError] = [], retryAfterSeconds: Int? = nil,
                currentVersion: Int? = nil) {
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
        self.currentVersion = currentVersion
    }

    public var description: String {
        fieldErrors.isEmpty ? "\(code): \(message)" : "\(code): \(message) \(fieldErrors.map(\.description).joined(separator: "; "))"
    }

    public static func notFound(_ what: String) -> DomainError { DomainError(.notFound, "\(what) not found.") }
    public static func forbidden(_ message: String) -> DomainError { DomainError(.forbidden, message) }
    public static func invalid(_ errors: [FieldError]) -> DomainError {
        DomainError(.invalid, errors.count == 1 ? "1 field is invalid." : "\(errors.count) fields are invalid.", fieldErrors: errors)
    }
}

/// One invalid field: `field` is a path such as `thresholdRules[1].triggerType`.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
