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

    @Test func sizesAsPoolmapPrintsThemAndAsHeadReadsThem() throws {
        // What the screens print, with the space, reads back.
        #expect(try ByteSize.parse("4 KiB") == 4096)
        #expect(try ByteSize.parse(ByteSize.format(3 << 20)) == 3 << 20)
        #expect(try ByteSize.parse("512 B") == 512)
        #expect(try ByteSize.parse(" 2\tMiB ") == 2 << 20)
        // Lowercase k, m, g are binary multiples, as `head -c 4k` reads them.
        #expect(try ByteSize.parse("4k") == 4096)
        #expect(try ByteSize.parse("3m") == 3 << 20)
        #expect(try ByteSize.parse("1g") == 1 << 30)
        #expect(try ByteSize.parse("0x10k") == 16 << 10)
        #expect(try ByteSize.parse("0x1 K") == 1024)
        // A space is no way around the hex rule: B is not a unit after hex digits.
        #expect(throws: ByteSize.ParseError.notASize("0x1 B")) { try ByteSize.parse("0x1 B") }
        #expect(throws: ByteSize.ParseError.notASize("1.5K")) { try ByteSize.parse("1.5K") }
        #expect(throws: ByteSize.ParseError.notASize("4 4")) { try ByteSize.parse("4 4") }
        #expect(throws: ByteSize.ParseError.notASize("KiB")) { try ByteSize.parse("KiB") }
    }

    @Test(
        arguments: [
            ("4kb", "\"4kb\" is not a size; did you mean 4KiB (4,096 bytes)?"),
            ("4KB", "\"4KB\" is not a size; did you mean 4KiB (4,096 bytes)?"),
            ("4 kB", "\"4 kB\" is not a size; did you mean 4KiB (4,096 bytes)?"),
            ("4MB", "\"4MB\" is not a size; did you mean 4MiB (4,194,304 bytes)?"),
            ("2GB", "\"2GB\" is not a size; did you mean 2GiB (2,147,483,648 bytes)?"),
            ("4kib", "\"4kib\" is not a size; did you mean 4KiB (4,096 bytes)?"),
            ("0x10kb", "\"0x10kb\" is not a size; did you mean 0x10KiB (16,384 bytes)?"),
            ("12b", "\"12b\" is not a size; did you mean 12B (12 bytes)?"),
            ("9999999999999999GB", "\"9999999999999999GB\" is too large"),
        ])
    func ambiguousUnitsAreRefusedWithWhatToType(text: String, message: String) {
        #expect(throws: (any Error).self) { try ByteSize.parse(text) }
        do {
            _ = try ByteSize.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
