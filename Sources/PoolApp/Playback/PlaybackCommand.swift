import PoolText

/// What a key means while something plays: one table for the player and the comparison, so
/// a key does the same in both (their help lists come from `KeyHint.playbackHelp`).
///
/// Quit and help are not among them: ``QuitAndHelp`` routes those keys, the same in every app.
enum PlaybackCommand: Equatable {
    case pauseOrResume, stepForward, stepBack, faster, slower, restart
    case start, end, previousFailure, nextFailure, previousDefragment, nextDefragment
    case peakFragmentation, goTo, switchTimelineFigure

    /// The command `key` stands for, or nil when it is not a playback key (the map's keys,
    /// an app's own).
    init?(_ key: Key) {
        switch key {
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

    /// What the `:` prompt takes: a step number (`12345`, `12,345`), the state after that many
    /// steps; or a percentage of the run (`50%`, `12.5%`).
    static func parseStep(_ text: String, totalSteps: Int) -> Result<Int, PromptError> {
        let trimmed = text.filter { !$0.isWhitespace }
        guard !trimmed.isEmpty else { return .failure(PromptError("type a step, e.g. 12345, or a share, e.g. 50%")) }
        if trimmed.hasSuffix("%") {
            guard let percent = Double(trimmed.dropLast()), percent.isFinite, (0...100).contains(percent) else {
                return .failure(PromptError("\"\(trimmed)\" is not a share of the run; shares go from 0% to 100%"))
            }
            return .success(Int((Double(totalSteps) * percent / 100).rounded()))
        }
        let digits = trimmed.filter { $0 != "," && $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(PromptError("\"\(trimmed)\" is not a step; type a number like 12345, or 50%"))
        }
        guard let step = Int(digits), step <= totalSteps else {
            return .failure(
                PromptError("step \(trimmed) is past the end: the run has \(NumberText.grouped(totalSteps)) steps"))
        }
        return .success(step)
    }
}
