/// A key and what it does, for the footer and the help overlay.
public struct KeyHint: Equatable, Hashable, Sendable {
    /// The key as shown, e.g. `a`, `←/→ h/l`, `PgUp/PgDn`.
    public var keys: String
    /// What it does, e.g. `alloc`, `select previous/next block`.
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

extension KeyHint {
    /// The explorer's footer: the keys a newcomer needs first.
    public static let explorerFooter: [KeyHint] = [
        KeyHint("a", "alloc"), KeyHint("A", "aligned"), KeyHint("f", "free"), KeyHint("d", "defrag"),
        KeyHint("r", "random"), KeyHint("R", "burst"), KeyHint("u", "undo"), KeyHint("←→", "select"),
        KeyHint("+-0", "zoom"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// Every key of the explorer, for the help overlay; short enough for two columns at 60×16.
    public static let explorerHelp: [KeyHint] = [
        KeyHint("a", "allocate SIZE"),
        KeyHint("A", "alloc SIZE ALIGN"),
        KeyHint("Enter Esc", "confirm / cancel"),
        KeyHint("f Delete", "free selected"),
        KeyHint("d", "defragment"),
        KeyHint("r", "random operation"),
        KeyHint("R", "random burst"),
        KeyHint("u", "undo (many)"),
        KeyHint("← → h l", "select prev/next"),
        KeyHint("Home End", "first/last block"),
        KeyHint("+ -", "zoom in / out"),
        KeyHint("0", "fit whole pool"),
        KeyHint("PgUp PgDn", "scroll (zoomed)"),
        KeyHint("click", "select clicked"),
        KeyHint("? F1", "this help"),
        KeyHint("q", "quit"),
    ]
}
