import CNcurses
import CTerminalSignals
import Glibc
import MemoryMap
import PoolApp

/// The real terminal behind ``PoolApp/TerminalDevice``, drawn with ncurses: the only type in
/// poolmap that talks to curses.
///
/// Opening one checks that the program really is in a terminal it can draw on (standard input
/// and output are terminals; `TERM` names a known terminal that can address the cursor), then
/// takes the screen (alternate screen, no echo, raw keys, mouse clicks) and installs signal
/// handlers so the terminal is given back however the program ends: ``close()`` on a normal
/// exit or an error, the termination handlers for SIGINT/SIGTERM/SIGHUP (the loop sees
/// ``pendingSignal`` and the caller closes and exits), and a crash handler that calls `endwin()`
/// before the crash is reported.
package final class CursesTerminal: TerminalDevice {
    /// The colours in use, after `--no-color`/`NO_COLOR` and the terminal's own capability.
    package let colorDepth: ColorDepth
    /// Whether ``close()`` ran.
    private var isClosed = false
    /// Curses attributes and colour pair per style, filled on first use.
    var looks: [CellStyle: (attributes: attr_t, pair: Int16)] = [:]
    /// Colour pairs allocated so far, by (foreground, background); -1 is the default colour.
    var pairs: [PairKey: Int16] = [:]
    /// Whether a debug build may trap on purpose (see `CursesTerminal+DebugTrap.swift`).
    let debugTrapEnabled: Bool
    /// Reads in a row that failed at once instead of waiting (see ``nextEvent(timeout:)``).
    var earlyFailures = 0

    struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Takes over the terminal.
    /// - Parameters:
    ///   - noColor: draw with glyphs and attributes only (`--no-color`); the `NO_COLOR`
    ///     environment variable, when set and not empty, does the same.
    ///   - environment: the environment to read `TERM`, `NO_COLOR` and the debug switch from.
    /// - Throws: ``StartError`` when this is not a terminal poolmap can draw on; the terminal is
    ///   then left untouched.
    package init(noColor: Bool = false, environment: [String: String] = CursesTerminal.processEnvironment) throws {
        try Self.checkTerminal(environment: environment)
        Self.chooseLocale()

        guard let screen = newterm(nil, pm_stdout(), pm_stdin()) else {
            throw StartError.unknownTerminal(environment["TERM"] ?? "")
        }
        set_term(screen)
        pm_install_termination_handlers()
        pm_install_crash_handlers()

        cbreak()
        noecho()
        nonl()
        keypad(pm_stdscr(), true)
        Self.defineExtraKeys()
        set_escdelay(25)
        curs_set(0)
        // Report a press at once (no click resolution delay); wheel steps are presses 4 and 5.
        mouseinterval(0)
        mousemask(
            PM_BUTTON1_PRESSED | PM_BUTTON1_RELEASED | PM_BUTTON1_CLICKED | PM_BUTTON1_DOUBLE_CLICKED
                | PM_BUTTON4_PRESSED | PM_BUTTON5_PRESSED, nil)

        if ColorDepth.isAllowed(noColor: noColor, environment: environment), has_colors() {
            start_color()
            use_default_colors()
            colorDepth = ColorDepth.choose(colors: Int(pm_colors()))
        } else {
            colorDepth = .monochrome
        }
        #if DEBUG
        debugTrapEnabled = environment[Self.debugTrapVariable] == "1"
        #else
        debugTrapEnabled = false
        #endif
    }

    deinit { close() }

    /// Gives the terminal back: mouse reporting off, cursor visible, echo and line mode back,
    /// alternate screen off. Safe to call more than once.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        mousemask(0, nil)
        curs_set(1)
        endwin()
        pm_restore_crash_handlers()
        pm_restore_termination_handlers()
        fflush(pm_stdout())
    }

    /// The terminal's size as curses last learned it (it updates on resize).
    package var size: TerminalSize {
        TerminalSize(width: Int(getmaxx(pm_stdscr())), height: Int(getmaxy(pm_stdscr())))
    }

    /// SIGINT, SIGTERM or SIGHUP if one arrived since the terminal was opened.
    package var pendingSignal: Int32? {
        let signal = pm_pending_signal()
        return signal == 0 ? nil : signal
    }

    /// The process environment as a dictionary.
    package static var processEnvironment: [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }

    /// Refuses what would draw garbage or hang: no terminal on standard input or output, an
    /// unset, unknown or cursorless `TERM` (the order and the rules are `StartError.refusal`'s).
    static func checkTerminal(environment: [String: String]) throws {
        let refusal = StartError.refusal(
            inputIsTerminal: isatty(STDIN_FILENO) != 0, outputIsTerminal: isatty(STDOUT_FILENO) != 0,
            term: environment["TERM"], canAddressCursor: probeCursorAddressing)
        if let refusal { throw refusal }
    }

    /// Loads `term`'s terminfo entry and frees it again: nil when there is none, else whether
    /// the terminal can move the cursor (`TERM=dumb` cannot).
    static func probeCursorAddressing(_ term: String) -> Bool? {
        var status: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &status) == OK else { return nil }
        let canAddressCursor = pm_terminal_has_cursor_addressing() != 0
        pm_release_probed_terminal()
        return canAddressCursor
    }

    /// Uses the user's locale, falling back to C.UTF-8 for characters when it is not UTF-8:
    /// without a UTF-8 locale curses draws the map's block glyphs as blanks.
    static func chooseLocale() {
        setlocale(LC_ALL, "")
        if pm_locale_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
    }
}
