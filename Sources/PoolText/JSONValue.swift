/// A JSON value whose objects keep their keys in the order written, so output is stable and
/// reads in a sensible order. Integers print exactly; doubles print at full (round-trip) precision.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value on one line, with a space after `:` and `,`.
    public var compact: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the compact text to `out`.
    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            // `description` is the shortest text that reads back as the same double.
            out +=
                value.isFinite
                ? (value == value.rounded() && abs(value) < 1e15 ? String(format1: value) : value.description) : "null"
        case .string(let value): Self.writeString(value, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += ", " }
                value.write(to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.members.enumerated() {
                if index > 0 { out += ", " }
                Self.writeString(member.key, to: &out)
                out += ": "
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Appends `text` as a JSON string literal (quotes, escapes) to `out`.
    public static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

private extension String {
    /// A whole-valued double as `0.0`, `1.0`: how the classic exercise writes fragmentation 0.
    init(format1 value: Double) {
        self = String(Int(value)) + ".0"
    }
}

/// A JSON object: its members in the order written (a literal keeps its order:
/// `["total": .int(1024), "used": .int(768)]`).
public struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// One `"key": value` pair.
    public struct Member: Equatable, Sendable {
        public var key: String
        public var value: JSONValue
    }

    public private(set) var members: [Member]

    /// An object with no members.
    public init() {
        members = []
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }

    /// Adds `"key": value` after the members so far.
    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// The value of the first member named `key`, if any.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}
