/// Ordered name/value pairs from a query string or a form body; names may repeat (checkboxes).
public struct Parameters: Sendable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(String, String)] = []) { self.pairs = pairs.map { (name: $0.0, value: $0.1) } }

    /// Decodes `a=1&b=two+words`; `nil` when the encoding is malformed.
    public init?(urlEncoded bytes: [UInt8]) {
        guard let pairs = PercentDecoding.decodePairs(bytes) else { return nil }
        self.init(pairs)
    }

    /// The first value for `name`.
    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value for `name`, in order.
    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public var names: [String] { pairs.map(\.name) }
    public var isEmpty: Bool { pairs.isEmpty }
}
