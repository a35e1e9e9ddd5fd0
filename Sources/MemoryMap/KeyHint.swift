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

    /// Every key of the explorer, for the help overlay.
    public static let explorerHelp: [KeyHint] = [
        KeyHint("a", "allocate: prompt for SIZE (256, 4KiB, 0x100)"),
        KeyHint("A", "aligned allocate: prompt for SIZE ALIGN"),
        KeyHint("Enter / Esc", "confirm / cancel a prompt"),
        KeyHint("f / Delete", "free the selected block"),
        KeyHint("d", "defragment (animated)"),
        KeyHint("r", "one random operation"),
        KeyHint("R", "a burst of random operations"),
        KeyHint("u", "undo the last action"),
        KeyHint("← → / h l", "select previous / next block"),
        KeyHint("Home / End", "select first / last block"),
        KeyHint("+ / -", "zoom in / out around the selection"),
        KeyHint("0", "fit the whole pool"),
        KeyHint("PgUp / PgDn", "scroll when zoomed"),
        KeyHint("click", "select the block under the mouse"),
        KeyHint("? / F1", "this help"),
        KeyHint("Esc", "close this help"),
        KeyHint("q", "quit"),
    ]
}
