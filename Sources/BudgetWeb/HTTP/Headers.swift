/// Request headers by lower-case name.
public struct Headers: Sendable {
    private var storage: [String: String]

    public init(_ headers: [String: String] = [:]) {
        storage = [:]
        for (name, value) in headers { storage[name.lowercased()] = value }
    }

    public subscript(_ name: String) -> String? {
        get { storage[name.lowercased()] }
        set { storage[name.lowercased()] = newValue }
    }
}
