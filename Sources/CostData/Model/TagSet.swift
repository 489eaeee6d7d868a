import Foundation
public import JSON
import Kernel

/// A line item's tags as budgetd matches them: each key normalized by `TagKey` (no `user:` prefix,
/// lower case), each value trimmed, with its lower-case form for matching beside the spelling kept
/// for display. Only text, numbers and booleans are tags; nested values are left out, and so are
/// empty values (an empty tag is no tag). When a file carries one key twice (`Department` and
/// `user:Department`), the spelling without the prefix wins, then the first in byte order.
public struct TagSet: Sendable, Hashable {
    public struct Tag: Sendable, Hashable {
        /// `TagKey.normalized`.
        public let key: String
        /// `TagKey.normalizedValue`: what filters and dimensions compare.
        public let value: String
        /// Trimmed, as the first file to carry it wrote it.
        public let displayValue: String

        public init(key: String, value: String, displayValue: String) {
            self.key = key
            self.value = value
            self.displayValue = displayValue
        }

        /// Two spellings of one value are one tag: equality is the set's identity, not its display.
        public static func == (a: Tag, b: Tag) -> Bool { a.key == b.key && a.value == b.value }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(key)
            hasher.combine(value)
        }
    }

    /// In key order.
    public let tags: [Tag]

    /// Keys longer than this are not stored per key: no policy, dimension or filter can name them.
    public static let maximumKeyLength = 128
    /// Values are matched on their first 256 characters, a policy value's limit.
    public static let maximumValueLength = 256

    public init(_ object: JSONObject) {
        var chosen: [String: (rawKey: String, value: String)] = [:]
        for (rawKey, json) in object {
            let text: String
            switch json {
            case .string(let s): text = s
            case .number(let n): text = n.text
            case .bool(let b): text = b ? "true" : "false"
            default: continue
            }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let key = TagKey.normalized(rawKey)
            guard !key.isEmpty, !value.isEmpty else { continue }
            if let current = chosen[key], !TagSet.precedes(rawKey, current.rawKey) { continue }
            chosen[key] = (rawKey, value)
        }
        tags = chosen.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { key, entry in
            Tag(key: key, value: TagKey.normalizedValue(entry.value), displayValue: entry.value)
        }
    }

    /// A set read back from storage: tags already normalized.
    public init(tags: [Tag]) {
        self.tags = tags.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    public static let empty = TagSet(tags: [])

    /// Parses a FOCUS `Tags` cell; `nil` for text that is not a JSON object or holds no tag.
    public init?(json text: String) {
        guard let object = (try? JSONParser.parse(text))?.objectValue else { return nil }
        self.init(object)
        if tags.isEmpty { return nil }
    }

    public var isEmpty: Bool { tags.isEmpty }

    /// What identifies the set: its normalized pairs in key order, as JSON (the database hashes it).
    /// Two spellings of one set (`Production`, `production `) have the same identity.
    public var identity: String {
        JSONValue.array(tags.map { .array([.string($0.key), .string($0.value)]) }).serialized
    }

    /// `{"normalized key": "display value"}`, what the set's row keeps.
    public var displayJSON: String {
        JSONValue.object(JSONObject(tags.map { ($0.key, JSONValue.string($0.displayValue)) })).serialized
    }

    /// The value of a key, normalized as `TagKey` says; `nil` when the set lacks it.
    public func value(of key: String) -> Tag? {
        let normalized = TagKey.normalized(key)
        return tags.first { $0.key == normalized }
    }

    /// `{key: display value}`, for code that judges tags as written (the tag policy's verdict).
    public var dictionary: [String: String] {
        Dictionary(uniqueKeysWithValues: tags.map { ($0.key, $0.displayValue) })
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        let aPrefixed = a.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("user:")
        let bPrefixed = b.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("user:")
        if aPrefixed != bPrefixed { return !aPrefixed }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
