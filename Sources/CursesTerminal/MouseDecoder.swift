import CNcurses
import PoolApp

/// A curses mouse report (`MEVENT`'s button state and position) as an event, decided without
/// touching the terminal. The masks are ncurses' own (`BUTTON1_PRESSED`, …, through `CNcurses`),
/// as for ``KeyDecoder``.
enum MouseDecoder {
    /// A left press, click or double click is a click; presses of buttons 4 and 5 are wheel
    /// steps up and down (how terminals report the wheel). Releases and motion are nil. When a
    /// report carries several, the click wins, then the wheel up.
    /// - Parameters:
    ///   - state: the report's `bstate`.
    ///   - row: the 0-based screen row (`MEVENT.y`).
    ///   - column: the 0-based screen column (`MEVENT.x`).
    static func event(state: mmask_t, row: Int, column: Int) -> InputEvent? {
        if state & (PM_BUTTON1_PRESSED | PM_BUTTON1_CLICKED | PM_BUTTON1_DOUBLE_CLICKED) != 0 {
            return .click(row: row, column: column)
        }
        if state & PM_BUTTON4_PRESSED != 0 { return .wheel(.up, row: row, column: column) }
        if state & PM_BUTTON5_PRESSED != 0 { return .wheel(.down, row: row, column: column) }
        return nil
    }
}
