import MemoryMap

extension KeyHint {
    /// The footer of the player and the comparison: the keys a newcomer needs first.
    static let playbackFooter: [KeyHint] = [
        KeyHint("space", "pause"), KeyHint("n→", "step"), KeyHint("b←", "back"), KeyHint("<>", "speed"),
        KeyHint("[]", "failures"), KeyHint(":", "go to"), KeyHint("?", "help"), KeyHint("q", "quit"),
    ]

    /// The keys of `PlaybackCommand`: the player's and the comparison's.
    static let playbackHelp: [KeyHint] = [
        KeyHint("space", "pause / resume"),
        KeyHint("n →", "step forward"),
        KeyHint("b ←", "step back"),
        KeyHint("< >", "slower / faster"),
        KeyHint("g", "restart, playing"),
        KeyHint("Home End", "start / end"),
        KeyHint("[ ]", "prev/next failed"),
        KeyHint("{ }", "prev/next defrag"),
        KeyHint("m", "peak frag"),
        KeyHint(":", "go to step or %"),
        KeyHint("t", "timeline figure"),
    ]

    /// Every key of the player, for the help overlay; short enough for two columns at 60×16.
    /// The map's keys (`h` `l`, `+` `-` `0`, PgUp/PgDn, clicks) are the explorer's.
    static let playerHelp: [KeyHint] =
        playbackHelp + [
            KeyHint("e", "explain search"),
            KeyHint("h l", "select prev/next"),
            KeyHint("+ - 0", "zoom in/out/fit"),
            KeyHint("PgUp PgDn", "scroll (zoomed)"),
            KeyHint("click", "seek / select"),
        ] + quitAndHelp

    /// Every key of the comparison: the playback keys, acting on every band at once.
    static let compareHelp: [KeyHint] =
        playbackHelp + [
            KeyHint("click", "seek")
        ] + quitAndHelp
}
