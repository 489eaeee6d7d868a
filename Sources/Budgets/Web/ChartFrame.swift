/// The drawing area the budget page's charts share: the same width and margins, so that the
/// spend chart's and the past periods' axes line up one above the other.
struct ChartFrame {
    static let width = 720.0
    static let left = 86.0
    static let right = 16.0
    static let top = 14.0
    static let bottom = 40.0

    let height: Double

    var plotWidth: Double { Self.width - Self.left - Self.right }
    /// Where the value 0 sits.
    var baseline: Double { height - Self.bottom }
}
