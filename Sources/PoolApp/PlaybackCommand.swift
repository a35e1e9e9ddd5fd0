/// What a key means while something plays: one table for the player and the comparison, so
/// a key does the same in both (their help lists come from `KeyHint.playbackHelp`).
enum PlaybackCommand: Equatable {
    case quit, help
    case pauseOrResume, stepForward, stepBack, faster, slower, restart
    case start, end, previousFailure, nextFailure, previousDefragment, nextDefragment
    case peakFragmentation, goTo, switchTimelineFigure

    /// The command `key` stands for, or nil when it is not a playback key (the map's keys,
    /// an app's own).
    init?(_ key: Key) {
        switch key {
        case .character("q"), .character("Q"): self = .quit
        case .character("?"), .function(1): self = .help
        case .character(" "): self = .pauseOrResume
        case .character("n"), .right: self = .stepForward
        case .character("b"), .left: self = .stepBack
        case .character(">"), .character("."): self = .faster
        case .character("<"), .character(","): self = .slower
        case .character("g"): self = .restart
        case .home: self = .start
        case .end: self = .end
        case .character("["): self = .previousFailure
        case .character("]"): self = .nextFailure
        case .character("{"): self = .previousDefragment
        case .character("}"): self = .nextDefragment
        case .character("m"): self = .peakFragmentation
        case .character(":"): self = .goTo
        case .character("t"): self = .switchTimelineFigure
        default: return nil
        }
    }

    /// The prompt `:` opens.
    static let goToLabel = "go to step (e.g. 12345 or 50%)"
}
