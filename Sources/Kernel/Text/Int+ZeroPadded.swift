extension Int {
    /// The number in decimal with leading zeros up to `width` digits (`7.zeroPadded(2)` is `07`);
    /// dates, times and cents are written this way.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        let padded = String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        return self < 0 ? "-" + padded : padded
    }
}
