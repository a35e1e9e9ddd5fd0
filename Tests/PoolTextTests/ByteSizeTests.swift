import Testing

@testable import PoolText

@Suite("Byte sizes at the extremes")
struct ByteSizeExtremesTests {
    @Test func formatNeverOverflows() {
        #expect(ByteSize.format(Int.max) == "7.99 EiB")
        #expect(ByteSize.format(Int.min) == "-8 EiB")
        #expect(ByteSize.format((1 << 62) + (1 << 61)) == "6 EiB")
        #expect(ByteSize.formatExact(Int.max) == "7.99 EiB (9,223,372,036,854,775,807 B)")
        #expect(ByteSize.format(1536) == "1.5 KiB")
        #expect(ByteSize.format(1023) == "1023 B")
    }

    @Test func theOneSizeGrammar() throws {
        #expect(try ByteSize.parse("256") == 256)
        #expect(try ByteSize.parse(" 4KiB ") == 4096)
        #expect(try ByteSize.parse("4K") == 4096)
        #expect(try ByteSize.parse("0x100") == 256)
        #expect(try ByteSize.parse("2M") == 2 << 20)
        #expect(try ByteSize.parse("1GiB") == 1 << 30)
        #expect(try ByteSize.parse("7B") == 7)
        #expect(try ByteSize.parse("0") == 0)
        #expect(throws: ByteSize.ParseError.notASize("4kb")) { try ByteSize.parse("4kb") }
        #expect(throws: ByteSize.ParseError.notASize("-5")) { try ByteSize.parse("-5") }
        #expect(throws: ByteSize.ParseError.notASize("")) { try ByteSize.parse("  ") }
        #expect(throws: ByteSize.ParseError.tooLarge("9223372036854775808")) {
            try ByteSize.parse("9223372036854775808")
        }
        #expect(throws: ByteSize.ParseError.tooLarge("8589934592G")) { try ByteSize.parse("8589934592G") }
        #expect(throws: ByteSize.ParseError.zero("0K")) { try ByteSize.parsePositive("0K") }
        // In hex, B is a digit: never the byte unit.
        #expect(try ByteSize.parse("0xB") == 11)
        #expect(try ByteSize.parse("0x1B") == 27)
        #expect(try ByteSize.parse("0x1K") == 1024)
        #expect(try ByteSize.parse("0x1KiB") == 1024)
    }
}
