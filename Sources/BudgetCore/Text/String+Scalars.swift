extension String {
    /// The first `count` Unicode scalars: what a `VARCHAR(count)` column takes in utf8mb4.
    ///
    /// MariaDB counts code points where Swift's `prefix` counts characters, and one character may
    /// be many code points (a letter with 300 combining marks is one), so `prefix(255)` can still
    /// be too long for the column.
    public func prefix(scalars count: Int) -> String {
        guard unicodeScalars.count > count else { return self }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: unicodeScalars.prefix(count))
        return String(view)
    }
}
