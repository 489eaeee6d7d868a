/// Request headers, looked up by name without regard to case.
///
/// A request carries a handful of headers, so a small array beats a dictionary here: no hashing
/// on the way in, where every request pays.
public struct Headers: Sendable {
    private var entries: [(name: String, value: String)] = []

    public init(_ headers: [String: String] = [:]) {
        for (name, value) in headers { self[name] = value }
    }

    /// Stores a value under a name that is already lower-case (the hot path from CGI parameters).
    mutating func set(lowercased name: String, _ value: String) {
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i].value = value
        } else {
            entries.append((name, value))
        }
    }

    public subscript(_ name: String) -> String? {
        get {
            let key = Headers.lowercased(name)
            return entries.first { $0.name == key }?.value
        }
        set {
            let key = Headers.lowercased(name)
            if let newValue {
                set(lowercased: key, newValue)
            } else {
                entries.removeAll { $0.name == key }
            }
        }
    }

    private static func lowercased(_ name: String) -> String {
        name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? name.lowercased() : name
    }
}
