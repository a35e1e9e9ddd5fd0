import CNcurses
import PoolApp

/// What a code read with `wget_wch` means, decided without touching the terminal.
///
/// The constants (`KEY_UP`, `KEY_F0`, …) are ncurses' own, read from `CNcurses`: they are
/// fixed values of the library, and taking the real ones (rather than parameters) keeps one
/// table that the tests check against the same constants curses returns.
enum KeyDecoder {
    /// A code's meaning. Resizes and mouse reports need more from curses (the new size, the
    /// pending report), which ``CursesTerminal`` reads; this only says which it is.
    enum Meaning: Equatable {
        /// A key press.
        case key(Key)
        /// The terminal changed size.
        case resize
        /// A mouse report is waiting to be read (see ``MouseDecoder``).
        case mouse
        /// Ctrl-L: repaint the whole screen (another process may have written over it).
        case repaint
        /// Nothing an app reacts to: other control codes, C1 controls, unknown key codes.
        case ignored
    }

    /// A typed character or control code (`wget_wch` returned `OK`): a Unicode scalar value,
    /// already decoded from the terminal's UTF-8 by curses.
    static func character(_ code: UInt32) -> Meaning {
        switch code {
        case 27: return .key(.escape)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 12: return .repaint
        case 0..<32: return .ignored
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80..<0xA0).contains(code) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    /// A curses key code (`wget_wch` returned `KEY_CODE_YES`): a named key, the mouse, or a
    /// resize. The keypad's corner keys (`KEY_A1`, …) are read as Home, End, Page Up and Page
    /// Down, as they are labelled.
    static func keyCode(_ code: Int32) -> Meaning {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return .mouse
        case (PM_KEY_F0 + 1)...(PM_KEY_F0 + 63): return .key(.function(Int(code - PM_KEY_F0)))
        default: return .ignored
        }
    }
}
