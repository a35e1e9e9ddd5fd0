/// A JSON value whose objects keep their keys in the order written, so output is stable and
/// reads in a sensible order. Integers print exactly; doubles print at full (round-trip) precision.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value on one line, with a space after `:` and `,` (written by `TextBuffer.appendJSON`,
    /// as the streamed reports are).
    package var compact: String {
        var out = TextBuffer()
        out.appendJSON(self)
        return out.text
    }
}

/// A JSON object: its members in the order written (a literal keeps its order:
/// `["total": .int(1024), "used": .int(768)]`).
package struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    package struct Member: Equatable, Sendable {
        package var key: String
        package var value: JSONValue
    }

    package private(set) var members: [Member]

    /// An object with no members.
    package init() {
        members = []
    }

    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    /// Adds `"key": value` after the members so far.
    package mutating func append(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// The value of the first member named `key`, if any.
    package subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}
