extension Duration {
    /// The duration in seconds, fractions kept: what timeouts and `Date` arithmetic take.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
