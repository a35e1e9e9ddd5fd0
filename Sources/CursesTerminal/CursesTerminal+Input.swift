import CNcurses
import Glibc
import PoolApp

extension CursesTerminal {
    /// The longest a read blocks, so a termination signal is noticed promptly even when the
    /// app waits for input with no timeout.
    static let longestWait = Duration.milliseconds(100)

    /// Thrown when standard input has closed (reads fail at once, again and again).
    public struct InputClosed: Error, CustomStringConvertible {
        public var description: String { "standard input was closed" }
    }

    /// Reads the next key, click, wheel step or resize, waiting at most `timeout` (and never
    /// longer than ``longestWait``).
    public func nextEvent(timeout: Duration?) throws -> InputEvent? {
        let wait = min(timeout ?? Self.longestWait, Self.longestWait)
        let milliseconds = max(0, Int32(wait / .milliseconds(1)))
        wtimeout(pm_stdscr(), milliseconds)
        let clock = ContinuousClock()
        let start = clock.now
        var code: wint_t = 0
        let status = wget_wch(pm_stdscr(), &code)
        switch status {
        case KEY_CODE_YES:
            earlyFailures = 0
            return event(forKeyCode: Int32(bitPattern: code))
        case OK:
            earlyFailures = 0
            return event(forCharacter: code)
        default:
            // A read that fails long before its timeout, again and again, means input is gone.
            if milliseconds >= 20, clock.now - start < .milliseconds(5) {
                earlyFailures += 1
                if earlyFailures >= 50 { throw InputClosed() }
            } else {
                earlyFailures = 0
            }
            return nil
        }
    }

    /// A typed character or control code.
    func event(forCharacter code: wint_t) -> InputEvent? {
        trapIfRequested(byKeyCode: code)
        switch code {
        case 27: return .key(.escape)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 12:
            // Ctrl-L, as in every full-screen program: repaint everything (another process may
            // have written over the screen).
            redrawWholeScreen()
            return nil
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80..<0xA0).contains(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// A curses key code: a named key, the mouse, or a resize.
    func event(forKeyCode code: Int32) -> InputEvent? {
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
        case KEY_RESIZE: return .resize(size)
        case KEY_MOUSE: return mouseEvent()
        case (PM_KEY_F0 + 1)...(PM_KEY_F0 + 63): return .key(.function(Int(code - PM_KEY_F0)))
        default: return nil
        }
    }

    /// The pending mouse report as a click or wheel step; releases and motion are ignored.
    func mouseEvent() -> InputEvent? {
        var report = MEVENT()
        guard getmouse(&report) == OK else { return nil }
        let row = Int(report.y), column = Int(report.x)
        let state = report.bstate
        if state & (PM_BUTTON1_PRESSED | PM_BUTTON1_CLICKED | PM_BUTTON1_DOUBLE_CLICKED) != 0 {
            return .click(row: row, column: column)
        }
        if state & PM_BUTTON4_PRESSED != 0 { return .wheel(.up, row: row, column: column) }
        if state & PM_BUTTON5_PRESSED != 0 { return .wheel(.down, row: row, column: column) }
        return nil
    }

    /// Teaches curses the Home/End spellings terminals and tmux send besides the terminfo
    /// entry's own, so the keys work whichever the terminal uses.
    static func defineExtraKeys() {
        let keys: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in keys where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }
}
