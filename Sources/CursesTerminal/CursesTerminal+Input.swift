import CNcurses
import Glibc
import PoolApp

extension CursesTerminal {
    /// The longest a read blocks, so a termination signal is noticed promptly even when the
    /// app waits for input with no timeout.
    static let longestWait = Duration.milliseconds(100)

    /// Thrown when standard input has closed (reads fail at once, again and again).
    package struct InputClosed: Error, CustomStringConvertible {
        package var description: String { "standard input was closed" }
    }

    /// Reads the next key, click, wheel step or resize, waiting at most `timeout` (and never
    /// longer than ``longestWait``).
    package func nextEvent(timeout: Duration?) throws -> InputEvent? {
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

    /// A typed character or control code (see ``KeyDecoder/character(_:)``).
    func event(forCharacter code: wint_t) -> InputEvent? {
        trapIfRequested(byKeyCode: code)
        return event(for: KeyDecoder.character(code))
    }

    /// A curses key code (see ``KeyDecoder/keyCode(_:)``).
    func event(forKeyCode code: Int32) -> InputEvent? {
        event(for: KeyDecoder.keyCode(code))
    }

    /// The event for a decoded code, reading what only the terminal knows: its new size, the
    /// pending mouse report; Ctrl-L repaints the screen and is no event.
    private func event(for meaning: KeyDecoder.Meaning) -> InputEvent? {
        switch meaning {
        case .key(let key): return .key(key)
        case .resize: return .resize(size)
        case .mouse: return mouseEvent()
        case .repaint:
            redrawWholeScreen()
            return nil
        case .ignored: return nil
        }
    }

    /// The pending mouse report as a click or wheel step (see ``MouseDecoder``).
    func mouseEvent() -> InputEvent? {
        var report = MEVENT()
        guard getmouse(&report) == OK else { return nil }
        return MouseDecoder.event(state: report.bstate, row: Int(report.y), column: Int(report.x))
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
