/// The value of ASCII decimal digits (`"2025"` is 2025), or `nil` if any byte is not a digit:
/// dates and timestamps are parsed from bytes, without Foundation's formatters.
func decimalDigits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for b in bytes {
        guard b >= 0x30, b <= 0x39 else { return nil }
        value = value * 10 + Int(b - 0x30)
    }
    return value
}
