public import Foundation

extension JSONNumber {
    /// The exact decimal, written plainly (`50000`, `12500.75`): never through a `Double`.
    public init(decimal: Decimal) {
        self.init(unchecked: decimal.description)
    }
}
