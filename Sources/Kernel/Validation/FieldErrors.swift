/// The problems found while checking an input, each under its field's path, all at once.
///
/// Fields already reported (by the reader of a JSON body that found a number where a string
/// belongs, say) are given as `skipping`, and neither they nor anything inside them
/// (`thresholdRules[1].amount` when `thresholdRules[1]` was not even an object) is reported twice.
public struct FieldErrors: Sendable, Equatable {
    public private(set) var list: [FieldError]
    private let skipping: Set<String>

    public init(skipping reported: [FieldError] = []) {
        list = []
        skipping = Set(reported.map(\.field))
    }

    /// Problems found before, kept at the head of the list and not reported again.
    public init(reported: [FieldError]) {
        list = reported
        skipping = Set(reported.map(\.field))
    }

    public var isEmpty: Bool { list.isEmpty }

    public mutating func add(_ field: String, _ message: String) {
        if !skips(field) { list.append(FieldError(field, message)) }
    }

    public mutating func append(_ error: FieldError) { add(error.field, error.message) }
    public mutating func append(contentsOf errors: [FieldError]) { errors.forEach { append($0) } }

    /// Whether `field` was reported already, here or by the caller.
    public func contains(_ field: String) -> Bool { list.contains { $0.field == field } || skipping.contains(field) }

    public func skips(_ field: String) -> Bool {
        skipping.contains(field) || skipping.contains { field.hasPrefix($0 + ".") || field.hasPrefix($0 + "[") }
    }

    /// Throws every problem as one `.invalid`.
    public func check() throws(DomainError) {
        if !list.isEmpty { throw DomainError.invalid(list) }
    }
}
