import MemoryMap
import PoolApp

extension KeyHint {
    /// Every key of the quiz, for the help overlay; short enough for two columns at 60×16.
    static let quizHelp: [KeyHint] =
        [
            KeyHint("← → h l", "choose a block"),
            KeyHint("Home End", "first/last block"),
            KeyHint("click", "choose clicked"),
            KeyHint("1-9", "element N (heap)"),
            KeyHint("x", "it fails"),
            KeyHint("Enter", "answer / next"),
            KeyHint("0-9 . %", "type a percent"),
            KeyHint("Backspace", "erase a char"),
            KeyHint("Esc", "clear the answer"),
            KeyHint("space", "next / skip"),
            KeyHint("+ - 0", "zoom in/out/fit"),
            KeyHint("PgUp PgDn", "scroll (zoomed)"),
            KeyHint("g", "retry (at end)"),
            KeyHint("n", "new set (random)"),
        ] + quitAndHelp

    /// The footer while an allocation question is asked.
    static let quizPlacingFooter: [KeyHint] = [
        KeyHint("←→", "free block"), KeyHint("x", "fails"), KeyHint("Enter", "answer"), KeyHint("+-0", "zoom"),
        KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// The footer while an allocation question is asked in a heap scene: elements in list order.
    static let quizHeapPlacingFooter: [KeyHint] = [
        KeyHint("1-9 ←→", "element"), KeyHint("x", "fails"), KeyHint("Enter", "answer"), KeyHint("+-0", "zoom"),
        KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// The footer while the fragmentation is typed: every key is the answer's then (`q` too).
    static let quizFragmentationFooter: [KeyHint] = [
        KeyHint("0-9.%", "percent"), KeyHint("Enter", "answer"), KeyHint("Esc", "clear"),
    ]

    /// The footer during a reveal.
    static let quizRevealFooter: [KeyHint] = [
        KeyHint("Enter", "next"), KeyHint("+-0", "zoom"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// The footer while statements play.
    static let quizPlayingFooter: [KeyHint] = [
        KeyHint("Enter", "skip ahead"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// The end screen's footer (`n` only in random mode).
    static func quizEndFooter(random: Bool) -> [KeyHint] {
        [KeyHint("g", "retry")] + (random ? [KeyHint("n", "new questions")] : []) + [KeyHint("q", "quit")]
    }
}
