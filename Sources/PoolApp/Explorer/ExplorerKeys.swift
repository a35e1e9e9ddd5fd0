import MemoryMap

extension KeyHint {
    /// The explorer's footer: the keys a newcomer needs first.
    static let explorerFooter: [KeyHint] = [
        KeyHint("a", "alloc"), KeyHint("A", "aligned"), KeyHint("f", "free"), KeyHint("d", "defrag"),
        KeyHint("r", "random"), KeyHint("R", "burst"), KeyHint("u", "undo"), KeyHint("p", "policy"),
        KeyHint("←→", "select"),
        KeyHint("+-0", "zoom"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// Every key of the explorer, for the help overlay; short enough for two columns at 60×16.
    static let explorerHelp: [KeyHint] =
        [
            KeyHint("a", "allocate SIZE"),
            KeyHint("A", "alloc SIZE ALIGN"),
            KeyHint("Enter Esc", "confirm / cancel"),
            KeyHint("f Delete", "free selected"),
            KeyHint("d", "defragment"),
            KeyHint("r", "random operation"),
            KeyHint("R", "random burst"),
            KeyHint("u", "undo (many)"),
            KeyHint("p", "cycle fit policy"),
            KeyHint("e", "explain search"),
            KeyHint("← → h l", "select prev/next"),
            KeyHint("Home End", "first/last block"),
            KeyHint("+ -", "zoom in / out"),
            KeyHint("0", "fit whole pool"),
            KeyHint("PgUp PgDn", "scroll (zoomed)"),
            KeyHint("click", "select clicked"),
        ] + quitAndHelp
}
