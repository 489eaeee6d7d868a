import Kernel
public import MariaDB
import Persistence

public extension Row {
    /// A `SUM` of cost columns: beyond a line item's range, so read as wide fixed point (10⁻¹¹ units).
    func wideSum(_ column: String) throws -> Int128 {
        try required(column) { FixedAmount($0, limit: FixedAmount.sumLimit) }.scaled
    }
}
