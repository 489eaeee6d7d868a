public import Foundation

extension UUID {
    /// Lower-case, as MariaDB's UUID type and the spec's examples write it.
    public var lowercasedString: String {
        let digits = Array("0123456789abcdef".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for (i, byte) in bytes.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        out[o] = UInt8(ascii: "-")
                        o += 1
                    }
                    out[o] = digits[Int(byte >> 4)]
                    out[o + 1] = digits[Int(byte & 0x0F)]
                    o += 2
                }
                return o
            }
        }
    }

    /// Parses the canonical 8-4-4-4-12 form only (any case).
    ///
    /// Byte by byte: Foundation's `UUID(uuidString:)` goes through `sscanf`, and an evaluation
    /// pass reads tens of thousands of ids.
    public init?(canonical text: String) {
        var text = text
        guard let bytes = text.withUTF8({ UUID.parse($0) }) else { return nil }
        self.init(uuid: bytes)
    }

    private static func parse(_ s: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard s.count == 36, s[8] == UInt8(ascii: "-"), s[13] == UInt8(ascii: "-"), s[18] == UInt8(ascii: "-"), s[23] == UInt8(ascii: "-")
        else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var result: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &result) { out -> Bool in
            var i = 0
            for index in 0..<16 {
                if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }
                guard let high = nibble(s[i]), let low = nibble(s[i + 1]) else { return false }
                out[index] = high << 4 | low
                i += 2
            }
            return true
        }
        return ok ? result : nil
    }
}
