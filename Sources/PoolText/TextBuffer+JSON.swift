/// poolmap's one JSON writer. `JSONValue.compact` and the reports streamed step by step
/// (`RunReport`'s JSON, `--every` lines) both append through these functions, so a value is
/// spelled one way wherever it is written; the string escaping is `appendJSONString` alone.
extension TextBuffer {
    /// Appends `text` as a JSON string literal: the quote, backslash and every control character
    /// U+0000–U+001F escaped (as JSON requires: `\"`, `\\`, `\n`, `\r`, `\t`, else `\u00XX`), DEL
    /// too (as `\u007f`, so the text stays printable); everything else, non-ASCII included, as
    /// its UTF-8 bytes.
    /// - Complexity: O(bytes of `text`).
    package mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Copy the runs that need no escape whole: most text is one run.
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
                else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    append("u00")
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as JSON: a whole value below 10^15 as `1.0`, any other the shortest text
    /// that reads back as the same double (`0.4286`), `null` when it is not finite (JSON has no
    /// infinities).
    package mutating func appendJSON(_ value: Double) {
        guard value.isFinite else { return append("null") }
        if value == value.rounded() && abs(value) < 1e15 {
            // How the classic exercise writes fragmentation 0: `0.0`.
            append(Int(value))
            append(".0")
        } else {
            append(value.description)
        }
    }

    /// Appends `"key": `, the start of an object's member (after `, ` unless `first`).
    @inline(__always) package mutating func appendJSONKey(_ key: StaticString, first: Bool = false) {
        // Typed, so that the literals take the `StaticString` append, not `String`'s.
        let open: StaticString = first ? "\"" : ", \""
        let close: StaticString = "\": "
        append(open)
        append(key)
        append(close)
    }

    /// Appends `value` on one line, with a space after `:` and `,` (`JSONValue.compact`).
    package mutating func appendJSON(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let value): value ? append("true") : append("false")
        case .int(let value): append(value)
        case .double(let value): appendJSON(value)
        case .string(let value): appendJSONString(value)
        case .array(let values):
            append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { append(", ") }
                appendJSON(value)
            }
            append("]")
        case .object(let object):
            append("{")
            for (index, member) in object.members.enumerated() {
                if index > 0 { append(", ") }
                appendJSONString(member.key)
                append(": ")
                appendJSON(member.value)
            }
            append("}")
        }
    }
}
