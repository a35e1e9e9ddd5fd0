import Testing

@testable import PoolText

/// The one integer writer (`TextBuffer.append(_: Int)`), which the JSON report and the trace
/// that `poolmap record` writes share.
@Suite struct DecimalTests {
    static let values = [
        0, 1, -1, 7, -7, 9, 10, -10, 99, 100, -100, 1_000_000, -1_000_000, 12_345_678_901_234_567, Int.max, Int.max - 1,
        Int.min, Int.min + 1,
    ]

    @Test(arguments: values) func writesWhatStringWrites(value: Int) {
        var buffer = TextBuffer()
        buffer.append("x")
        buffer.append(value)
        #expect(buffer.text == "x" + String(value))
    }

    @Test func theExtremes() {
        var buffer = TextBuffer()
        buffer.append(Int.min)
        buffer.append(" ")
        buffer.append(Int.max)
        buffer.append(" ")
        buffer.append(-42)
        #expect(buffer.text == "-9223372036854775808 9223372036854775807 -42")
    }

    /// Every power of ten and its neighbours, both signs: each digit count, and its carries.
    @Test func everyDigitCount() {
        var power = 1
        for _ in 0..<19 {
            for value in [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)] {
                var buffer = TextBuffer()
                buffer.append(value)
                #expect(buffer.text == String(value))
            }
            if power <= Int.max / 10 { power *= 10 }
        }
    }
}
