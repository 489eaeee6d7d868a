import Kernel

/// Splitting whole cents by the largest-remainder method: each part gets the floor of its exact
/// quota, and the cents left over go one each to the parts with the largest remainders (ties to the
/// name that sorts first), so the parts always add up to the total exactly and no part is more
/// than a cent from its exact share. All arithmetic is on integers: nothing passes through a float.
enum Apportionment {
    /// `total` split in proportion to `weights` (non-negative, in any one unit); evenly when they are
    /// all zero. Negative weights count as zero.
    static func split(_ total: Cents, weights: [Int128], names: [String]) -> [Cents] {
        precondition(weights.count == names.count && !weights.isEmpty)
        var w = weights.map { max($0, 0) }
        if w.allSatisfy({ $0 == 0 }) { w = Array(repeating: 1, count: w.count) }
        // Quotas total × wᵢ / W must fit: shed insignificant digits of the weights when they do not
        // (weights are money in 10⁻¹¹ units or metric figures, far beyond a cent's precision).
        while w.contains(where: { Int128(total.value).multipliedReportingOverflow(by: $0).overflow }) || w.reduce(0, +) > Int128.max / 4 {
            w = w.map { $0 / 10 }
            if w.allSatisfy({ $0 == 0 }) { w = Array(repeating: 1, count: w.count) }
        }
        let sum = w.reduce(0, +)
        var floors: [Int128] = []
        var remainders: [Int128] = []
        for weight in w {
            let (q, r) = floorDivision(Int128(total.value) * weight, sum)
            floors.append(q)
            remainders.append(r)
        }
        return distribute(total: Int128(total.value), floors: floors, remainders: remainders, names: names)
    }

    /// Exact amounts (10⁻¹¹ units, any sign) rounded to cents so that they add up to `total`, which
    /// is their exact sum rounded (`Cents(rounding:)`); each amount is within a cent of itself.
    static func round(_ amounts: [Int128], to total: Cents, names: [String]) -> [Cents] {
        precondition(amounts.count == names.count)
        guard !amounts.isEmpty else { return [] }
        let perCent = FixedAmount.unit / 100
        var floors: [Int128] = []
        var remainders: [Int128] = []
        for amount in amounts {
            let (q, r) = floorDivision(amount, perCent)
            floors.append(q)
            remainders.append(r)
        }
        return distribute(total: Int128(total.value), floors: floors, remainders: remainders, names: names)
    }

    /// The exact sum of amounts in 10⁻¹¹ units, rounded to cents half away from zero.
    static func cents(_ amount: Int128) -> Cents { Cents(rounding: FixedAmount.decimal(amount)) }

    private static func distribute(total: Int128, floors: [Int128], remainders: [Int128], names: [String]) -> [Cents] {
        var parts = floors
        var left = total - floors.reduce(0, +)
        let order = parts.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : names[a].utf8.lexicographicallyPrecedes(names[b].utf8)
        }
        // `left` is between 0 and the number of parts when the total is the rounded sum; the loop
        // also keeps the promise (the parts add up) for any other total.
        var i = 0
        while left != 0 {
            let step: Int128 = left > 0 ? 1 : -1
            parts[order[left > 0 ? i % order.count : order.count - 1 - i % order.count]] += step
            left -= step
            i += 1
        }
        return parts.map { Cents(Int64($0)) }
    }

    /// Floor division and its non-negative remainder (`divisor` > 0).
    private static func floorDivision(_ dividend: Int128, _ divisor: Int128) -> (Int128, Int128) {
        var q = dividend / divisor
        var r = dividend % divisor
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}
