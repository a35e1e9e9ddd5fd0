import MemoryMap

/// The seam between apps and a real terminal: size, drawing a frame, reading input.
///
/// `CursesTerminal` implements it with ncurses; ``FakeTerminal`` with a scripted event list
/// and recorded frames, so every app can be driven without a terminal. Nothing behind this
/// protocol decides what an app does: it only copies grids out and events in.
public protocol TerminalDevice: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }

    /// How much colour the terminal shows after the user's choices (`--no-color`,
    /// `NO_COLOR`): apps may pick glyphs that carry more meaning when there is less colour.
    var colorDepth: ColorDepth { get }

    /// A termination signal (SIGINT, SIGTERM, SIGHUP) that arrived and was not acted on yet;
    /// the runner stops and reports it so the caller can exit with 128 + signal.
    var pendingSignal: Int32? { get }

    /// Shows `grid` as the whole screen. Cells outside the terminal are clipped; a grid smaller
    /// than the terminal leaves the rest blank.
    func draw(_ grid: Grid) throws

    /// Waits at most `timeout` (forever when nil) for the next input event.
    ///
    /// A device may return nil before the timeout (for example to let the caller check
    /// ``pendingSignal``); callers must not count on the full wait.
    /// - Returns: the event, or nil when none arrived in time.
    func nextEvent(timeout: Duration?) throws -> InputEvent?
}

/// How many colours a terminal can show, after the user's `--no-color`/`NO_COLOR` choice.
public enum ColorDepth: Hashable, Sendable, Comparable {
    /// Glyphs and attributes (bold, reverse, underline) only.
    case monochrome
    /// The eight ANSI colours.
    case eight
    /// The xterm 256-colour palette.
    case full256
}
