/// HTML escaping for `{{name}}`: the five characters that can end an attribute value or start markup.
enum Escaping {
    /// Appends `text` to `output`, replacing `&` `<` `>` `"` `'` with entities.
    static func appendEscaped(_ text: String, to output: OutputBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let entity: StaticString
                switch utf8[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                output.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                entity.withUTF8Buffer { output.append($0) }
                runStart = index + 1
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }

    /// Appends `text` unchanged, for `{{{name}}}` and `{{& name}}`.
    static func appendRaw(_ text: String, to output: OutputBuffer) {
        var text = text
        text.withUTF8 { output.append($0) }
    }
}
