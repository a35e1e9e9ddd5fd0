import Testing

@testable import PoolText

/// Every number spelling poolmap prints comes from `NumberText`'s one rounding.
@Suite struct NumberTextTests {
    @Test func fractionsAndPercentagesAgree() {
        #expect(NumberText.fractionAndPercent(0.123456) == "0.1235 (12.35%)")
        #expect(NumberText.fractionAndPercent(1) == "1.0000 (100.00%)")
        #expect(NumberText.fractionAndPercent(0.0005) == "0.0005 (0.05%)")
        #expect(NumberText.fractionAndPercent(0) == "0.0000 (0.00%)")
    }

    @Test func percentWithOneDecimalDropsATrailingZero() {
        #expect(NumberText.percent(0.425) == "42.5%")
        #expect(NumberText.percent(0.4) == "40%")
        #expect(NumberText.percent(0.12345) == "12.3%")
        #expect(NumberText.percent(1) == "100%")
        #expect(NumberText.percent(.nan) == "0%")
    }

    @Test func wholePercentRoundsDownAndMarksSlivers() {
        #expect(NumberText.wholePercent(768, of: 1024) == "75%")
        #expect(NumberText.wholePercent(1023, of: 1024) == "99%")
        #expect(NumberText.wholePercent(1, of: 1 << 20) == "<1%")
        #expect(NumberText.wholePercent(0, of: 1024) == "0%")
        #expect(NumberText.wholePercent(5, of: 0) == "0%")
    }

    @Test func fixedDecimalsAndGroups() {
        #expect(NumberText.fixed(14.25, places: 1) == "14.3" || NumberText.fixed(14.25, places: 1) == "14.2")
        #expect(NumberText.fixed(3, places: 3) == "3.000")
        #expect(NumberText.fixed(0.34286, places: 4) == "0.3429")
        #expect(NumberText.fixed(2.6, places: 0) == "3")
        #expect(NumberText.fixed(-1.5, places: 1) == "-1.5")
        #expect(NumberText.fixed(.infinity, places: 2) == "0.00")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(-1000) == "-1,000")
        #expect(NumberText.grouped(999) == "999")
    }

    @Test func hexOffsetsArePaddedToThePoolsDigits() {
        #expect(HexOffset.format(256) == "0x0100")
        #expect(HexOffset.format(0x12345, digits: 4) == "0x12345")
        #expect(HexOffset.format(0, digits: 6) == "0x000000")
        #expect(HexOffset.digits(forPoolSize: 64 * 1024) == 4)
        #expect(HexOffset.digits(forPoolSize: (1 << 20) + 1) == 6)
        #expect(HexOffset.digits(forPoolSize: 1) == 4)
    }
}
