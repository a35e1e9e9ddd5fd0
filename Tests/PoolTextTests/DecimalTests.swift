import Testing

@testable import PoolText

/// The one integer writer (`NumberText.appendDecimal`), which `TextBuffer` and the trace that
/// `poolmap record` writes share.
@Suite struct DecimalTests {
    static let values = [
        0, 1, -1, 7, -7, 9, 10, -10, 99, 100, -100, 1_000_000, -1_000_000, 12_345_678_901_234_567, Int.max, Int.max - 1,
        Int.min, Int.min + 1,
    ]

    @Test(arguments: values) func writesWhatStringWrites(value: Int) {
        var bytes: [UInt8] = Array("x".utf8)
        NumberText.appendDecimal(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
        var buffer = TextBuffer()
        buffer.append(value)
        #expect(buffer.text == String(value))
    }

    @Test func theExtremes() {
        var bytes: [UInt8] = []
        NumberText.appendDecimal(Int.min, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        NumberText.appendDecimal(Int.max, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        NumberText.appendDecimal(-42, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "-9223372036854775808 9223372036854775807 -42")
    }

    /// Every power of ten and its neighbours, both signs: each digit count, and its carries.
    @Test func everyDigitCount() {
        var power = 1
        for _ in 0..<19 {
            for value in [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)] {
                var bytes: [UInt8] = []
                NumberText.appendDecimal(value, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == String(value))
            }
            if power <= Int.max / 10 { power *= 10 }
        }
    }
}
