/// The values sections have entered, innermost last; names resolve from the top down.
///
/// Frames share the storage of the `TemplateValue`s they came from, so entering a section never
/// copies a dictionary or an array. Object members are kept unwrapped next to each value so a
/// lookup reads them in place instead of copying them out of the enum first.
struct ContextStack {
    private var values: [TemplateValue]
    /// The members of each frame that is an object, `nil` for other frames.
    private var members: [[String: TemplateValue]?]

    init(_ root: TemplateValue) {
        values = []
        members = []
        values.reserveCapacity(16)
        members.reserveCapacity(16)
        push(root)
    }

    mutating func push(_ value: TemplateValue) {
        values.append(value)
        if case .object(let object) = value {
            members.append(object)
        } else {
            members.append(nil)
        }
    }

    mutating func pop() {
        values.removeLast()
        members.removeLast()
    }

    /// The value a name stands for, or `.null` when nothing provides it.
    ///
    /// For `a.b.c` only `a` is searched through the stack; `b` and `c` must then be found inside
    /// what `a` resolved to, otherwise the whole name is missing (the spec's "broken chain" rule).
    /// A part that is a number indexes a list (`items.0` is the first item), an extension the spec
    /// leaves open and pages use to ask "is this list empty?".
    func resolve(_ path: Path) -> TemplateValue {
        switch path {
        case .implicit:
            return values[values.count - 1]
        case .name(let key):
            return lookUp(key) ?? .null
        case .dotted(let first, let rest):
            guard var value = lookUp(first) else { return .null }
            for key in rest {
                switch value {
                case .object(let object):
                    guard let member = object[key] else { return .null }
                    value = member
                case .list(let items):
                    guard let index = Int(key), index >= 0, index < items.count else { return .null }
                    value = items[index]
                default:
                    return .null
                }
            }
            return value
        }
    }

    private func lookUp(_ key: String) -> TemplateValue? {
        var index = members.count - 1
        while index >= 0 {
            if let value = members[index]?[key] {
                return value
            }
            index -= 1
        }
        return nil
    }
}
