import Foundation
import Kernel

/// A tag filter's values in one text field, as `TagFilter.valuesText` writes them: separated by
/// commas, a value that holds a comma or starts with a quote in double quotes (`"R&D, Europe", ops`),
/// so a filter set through the API comes back from the edit form unchanged.
enum TagValuesText {
    /// The values in the field; blank ones are left out, the rest trimmed (the validator judges them).
    static func split(_ text: String) -> [String] {
        var values: [String] = []
        var current = ""
        var quoted = false
        var chars = text.makeIterator()
        var pending = chars.next()
        while let c = pending {
            pending = chars.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" {
                        current.append("\"")
                        pending = chars.next()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "," {
                values.append(current)
                current = ""
            } else if c == "\"" && current.trimmingWhitespaceAndNewlines().isEmpty {
                current = ""
                quoted = true
            } else {
                current.append(c)
            }
        }
        values.append(current)
        return values.map { $0.trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
    }
}
