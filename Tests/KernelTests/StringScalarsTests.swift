import Kernel
import Testing

@Suite("Text for columns")
struct StringScalarsTests {
    @Test("a prefix counts code points, as a VARCHAR does, not characters")
    func prefixCountsScalars() {
        let stacked = "a" + String(repeating: "\u{0301}", count: 300)  // one Character, 301 scalars
        #expect(stacked.count == 1)
        #expect(stacked.prefix(scalars: 255).unicodeScalars.count == 255)
        #expect("plain".prefix(scalars: 255) == "plain")
        #expect("😀😀😀".prefix(scalars: 2) == "😀😀")
    }
}
