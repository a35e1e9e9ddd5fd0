import OSTEPSimulator
import Testing

/// Python's `int` and optparse's number reading, against answers from CPython 3.11.
@Suite struct PythonIntegerTests {
    @Test func optparseReadsPrefixesAndALeadingZeroAsOctal() {
        let cases: [(String, PythonInteger)] = [
            ("010", .value(8)), ("-010", .value(-10)), ("0x10", .value(16)), ("0X1f", .value(31)),
            ("0x10 ", .value(16)), (" 0x10", .invalid), ("0b", .value(0)), ("0b101", .value(5)), ("0B11", .value(3)),
            ("0b_1", .invalid), ("0x_1f", .value(31)), ("0o10", .value(8)), ("08", .invalid), ("+0x5", .invalid),
            ("0", .value(0)), ("00", .value(0)), ("1_0", .value(10)), ("1__0", .invalid), ("_1", .invalid),
            ("1_", .invalid), (" 5\t", .value(5)), ("\u{665}", .value(5)), ("0\u{665}", .value(5)),
            ("0x\u{665}", .value(5)), ("\u{1C}5", .invalid), ("", .invalid), ("x", .invalid), ("1.5", .invalid),
            ("0x", .invalid), ("-0x10", .invalid), ("9223372036854775807", .value(Int.max)),
            ("-9223372036854775807", .value(-Int.max)), ("9223372036854775808", .tooLarge(isNegative: false)),
            ("-9223372036854775808", .tooLarge(isNegative: true)),
            ("99999999999999999999999", .tooLarge(isNegative: false)),
        ]
        for (text, expected) in cases {
            #expect(PythonInteger(parsingOption: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func intInDecimalTakesSignsSpacesAndUnderscoresButNoPrefix() {
        let cases: [(String, PythonInteger)] = [
            ("010", .value(10)), ("+5", .value(5)), ("-5", .value(-5)), (" 5 ", .value(5)), ("\u{3000}7", .value(7)),
            ("0x10", .invalid), ("- 5", .invalid), ("", .invalid), ("5-3", .invalid), ("1_000", .value(1000)),
        ]
        for (text, expected) in cases {
            #expect(PythonInteger(parsing: text, radix: 10) == expected, "\(text.debugDescription)")
        }
    }
}
