import CNcurses
import PoolApp
import Testing

@testable import CursesTerminal

/// Codes as `wget_wch` returns them, checked with ncurses' own constants.
@Suite struct KeyDecoderTests {
    @Test func controlCodesAreNamedKeysOrIgnored() {
        #expect(KeyDecoder.character(27) == .key(.escape))
        #expect(KeyDecoder.character(10) == .key(.enter))
        #expect(KeyDecoder.character(13) == .key(.enter))
        #expect(KeyDecoder.character(8) == .key(.backspace))
        #expect(KeyDecoder.character(127) == .key(.backspace))
        #expect(KeyDecoder.character(9) == .key(.tab))
        #expect(KeyDecoder.character(12) == .repaint)
        let named: Set<UInt32> = [8, 9, 10, 12, 13, 27]
        for code in UInt32(0)..<32 where !named.contains(code) {
            #expect(KeyDecoder.character(code) == .ignored, "control code \(code)")
        }
    }

    @Test func printableASCIIIsTheCharacterTyped() {
        for code in UInt32(32)...126 {
            let scalar = Unicode.Scalar(UInt8(code))
            #expect(KeyDecoder.character(code) == .key(.character(Character(scalar))), "code \(code)")
        }
    }

    /// Curses decodes the terminal's UTF-8 bytes into one wide character: two, three and four
    /// byte sequences arrive as one scalar each.
    @Test func multiByteCharactersArriveAsOneScalarEach() {
        for text in ["é", "ß", "€", "中", "😀", "\u{A0}"] {
            let scalar = text.unicodeScalars.first!
            #expect(KeyDecoder.character(scalar.value) == .key(.character(Character(text))), "\(text)")
        }
    }

    @Test func c1ControlsAndNonScalarsAreIgnored() {
        for code in UInt32(0x80)..<0xA0 {
            #expect(KeyDecoder.character(code) == .ignored, "C1 control \(code)")
        }
        for code: UInt32 in [0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x11_0000, UInt32.max] {
            #expect(KeyDecoder.character(code) == .ignored, "not a scalar: \(code)")
        }
    }

    @Test func cursorAndEditingKeys() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter),
            (KEY_BTAB, .backTab),
        ]
        for (code, key) in expected {
            #expect(KeyDecoder.keyCode(code) == .key(key), "key code \(code)")
        }
    }

    @Test func theKeypadCornersAreHomeEndAndThePages() {
        #expect(KeyDecoder.keyCode(KEY_A1) == .key(.home))
        #expect(KeyDecoder.keyCode(KEY_C1) == .key(.end))
        #expect(KeyDecoder.keyCode(KEY_A3) == .key(.pageUp))
        #expect(KeyDecoder.keyCode(KEY_C3) == .key(.pageDown))
    }

    @Test func functionKeysOneToSixtyThree() {
        for number in 1...63 {
            #expect(KeyDecoder.keyCode(PM_KEY_F0 + Int32(number)) == .key(.function(number)), "F\(number)")
        }
        #expect(KeyDecoder.keyCode(PM_KEY_F0) == .ignored, "F0 is no key")
        #expect(KeyDecoder.keyCode(PM_KEY_F0 + 64) == .ignored, "past the 64 function-key codes")
    }

    @Test func resizeAndMouseAreLeftToTheTerminalToRead() {
        #expect(KeyDecoder.keyCode(KEY_RESIZE) == .resize)
        #expect(KeyDecoder.keyCode(KEY_MOUSE) == .mouse)
    }

    @Test func unknownKeyCodesAreIgnored() {
        for code: Int32 in [KEY_B2, KEY_DL, KEY_IL, KEY_SF, KEY_SR, KEY_PRINT, 0, -1, Int32.max] {
            #expect(KeyDecoder.keyCode(code) == .ignored, "key code \(code)")
        }
    }
}
