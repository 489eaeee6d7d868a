/// Finds where a byte sequence stops being UTF-8, so the error can point at it.
enum UTF8Validation {
    /// Offset of the first byte of the first invalid sequence, or `nil` when all bytes are valid.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .error:
                return offset
            case .emptyInput:
                return nil
            }
        }
    }
}
