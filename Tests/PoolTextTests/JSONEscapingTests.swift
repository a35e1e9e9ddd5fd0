import Foundation
import Testing

@testable import PoolText

/// The one string escaping of poolmap's JSON (`TextBuffer.appendJSONString`), against what JSON
/// (RFC 8259, section 7) requires: the quote, the backslash and U+0000–U+001F escaped, anything
/// else allowed as itself; and against a real parser, Foundation's.
@Suite struct JSONEscapingTests {
    static func quoted(_ text: String) -> String {
        var out = TextBuffer()
        out.appendJSONString(text)
        return out.text
    }

    /// `text` read back by `JSONSerialization` from the JSON array `[QUOTED]`.
    static func parsed(_ json: String) throws -> String {
        let array = try JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [Any]
        return try #require(array?.first as? String)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let short: [UInt32: String] = [0x0A: #"\n"#, 0x0D: #"\r"#, 0x09: #"\t"#]
        for value in UInt32(0)...0x1F {
            let text = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
            let hex = String(value, radix: 16)
            let escape = short[value] ?? #"\u"# + String(repeating: "0", count: 4 - hex.count) + hex
            #expect(Self.quoted(text) == "\"a\(escape)b\"", "U+\(hex)")
            #expect(try Self.parsed(Self.quoted(text)) == text, "U+\(hex)")
            // No raw control byte is left anywhere in the output.
            #expect(Self.quoted(text).utf8.allSatisfy { $0 >= 0x20 }, "U+\(hex)")
        }
    }

    @Test func quoteBackslashAndDelete() throws {
        #expect(Self.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(Self.quoted(#"C:\pool"#) == #""C:\\pool""#)
        #expect(Self.quoted(#"\""#) == #""\\\"""#)
        #expect(Self.quoted("\u{7F}") == #""\u007f""#)
        for text in [#"say "hi""#, #"C:\pool"#, #"\""#, "\u{7F}", "\"\"\\\\", ""] {
            #expect(try Self.parsed(Self.quoted(text)) == text)
        }
    }

    /// Non-ASCII needs no escape: it is written as its UTF-8 bytes, and reads back the same.
    @Test func nonASCIIIsWrittenAsItself() throws {
        for text in [
            "é", "naïve café", "日本語", "Ω≈ç√", "😀", "👩‍💻 pool", "e\u{301}", "a\u{300}\u{316}z", "\u{10FFFF}",
            "\u{80}\u{FEFF}\u{2028}\u{2029}", "🇫🇷",
        ] {
            let json = Self.quoted(text)
            #expect(json == "\"\(text)\"", "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Array(json.utf8.dropFirst().dropLast()) == Array(text.utf8))
            #expect(try Self.parsed(json) == text)
        }
    }

    @Test func mixedTextRoundTrips() throws {
        var text = ""
        for value in UInt32(0)...0x80 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
        text += "\"\\😀e\u{301}\n"
        #expect(try Self.parsed(Self.quoted(text)) == text)
    }

    /// `JSONValue` writes through the same function: keys and values alike.
    @Test func jsonValuesUseTheSameEscaping() throws {
        let text = "tab\there \"quoted\" \\ \u{1} 😀"
        #expect(JSONValue.string(text).compact == Self.quoted(text))
        let object = JSONValue.object([text: .array([.string(text), .int(Int.min), .double(0.5), .null, .bool(true)])])
        #expect(
            object.compact == "{\(Self.quoted(text)): [\(Self.quoted(text)), -9223372036854775808, 0.5, null, true]}")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(object.compact.utf8)) as? [String: Any])
        #expect((parsed[text] as? [Any])?.first as? String == text)
    }

    @Test func doubles() {
        var out = TextBuffer()
        for value in [0.0, 1.0, -2.0, 0.4286, 1e15, 1e17, .infinity, .nan, 1.0 / 3.0] {
            out.appendJSON(value)
            out.append(" ")
        }
        #expect(out.text == "0.0 1.0 -2.0 0.4286 1000000000000000.0 1e+17 null null 0.3333333333333333 ")
    }
}
