import PoolApp

extension ColorDepth {
    /// Whether the user lets poolmap draw in colour: not `--no-color`, and the `NO_COLOR`
    /// environment variable unset or empty (the no-color.org convention).
    static func isAllowed(noColor: Bool, environment: [String: String]) -> Bool {
        !noColor && (environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The depth for a colour terminal showing `colors` colours (curses' `COLORS`, known once
    /// `start_color()` ran): the 256-colour palette from 256 up, the ANSI eight from 8 up,
    /// glyphs and attributes below that.
    static func choose(colors: Int) -> ColorDepth {
        colors >= 256 ? .full256 : (colors >= 8 ? .eight : .monochrome)
    }
}
