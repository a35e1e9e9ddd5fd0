import MemoryMap

extension KeyHint {
    /// The player's footer.
    static let playerFooter: [KeyHint] = [
        KeyHint("space", "pause"), KeyHint("n→", "step"), KeyHint("b←", "back"),
        KeyHint("+-", "speed"), KeyHint("g", "restart"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// Every key of the player, for the help overlay.
    static let playerHelp: [KeyHint] = [
        KeyHint("space", "pause / resume"),
        KeyHint("n →", "step forward"),
        KeyHint("b ←", "step back (any depth)"),
        KeyHint("+ -", "faster / slower (×2)"),
        KeyHint("g Home", "restart from the top"),
        KeyHint("? F1", "this help"),
        KeyHint("any key", "close this help"),
        KeyHint("q", "quit"),
    ]
}
