import MemoryMap

/// What the player and the comparison share: the playback keys (``PlaybackCommand``), the `:`
/// prompt and seeking to failures and defragments, written once. A conforming state says how it
/// moves (one run, or several bands in lockstep); every key means the same in both.
protocol Playback {
    /// The one clock, speed and pause.
    var pacing: Pacing { get set }
    /// Whether the help overlay is open.
    var isHelpOpen: Bool { get set }
    /// The terminal's size, for clicks as the screen shows them.
    var screenSize: TerminalSize { get set }
    /// The `:` prompt (go to a step), when open.
    var prompt: PromptLine? { get set }
    /// What the last key could not do, said on the status line until the next key (`no failed
    /// allocation after this step`), so that no key does nothing silently.
    var notice: String? { get set }
    /// The timeline's figure (`t` switches it).
    var timelineFigure: TimelineModel.Figure { get set }
    /// The position shown: steps run so far.
    var position: Int { get }
    /// The steps of the whole run.
    var totalSteps: Int { get }
    /// Whether every step has been run and shown.
    var isFinished: Bool { get }

    /// `n`/`→`: runs up to and including the next pool operation, paused.
    mutating func stepForward()
    /// `b`/`←`: undoes the last pool operation shown, paused.
    mutating func stepBack()
    /// `g`: back to the start, playing.
    mutating func restart()
    /// Goes to `position`, paused.
    mutating func seek(to position: Int)
    /// One tick of the playback clock.
    mutating func tick()
    /// A click outside the help and the prompt (on the timeline, it seeks).
    mutating func click(row: Int, column: Int)
    /// A wheel step outside the help and the prompt.
    mutating func wheel(_ direction: WheelDirection)
    /// A key that is no playback key, outside the help and the prompt.
    mutating func ownKey(_ key: Key)
    /// Positions after a failed allocation, in order; `readingAhead`, the run is read far
    /// enough first that every one after ``position`` is known.
    mutating func failures(readingAhead: Bool) -> [Int]
    /// Positions after a defragment, in order, read ahead as ``failures(readingAhead:)`` is.
    mutating func defragments(readingAhead: Bool) -> [Int]
    /// The position of the highest fragmentation of the whole run (read to its end).
    mutating func peakFragmentationPosition() -> Int
}

extension Playback {
    /// Applies one event: ticks, resizes, clicks and the wheel (not under the help or the
    /// prompt), and keys: quit and help by ``QuitAndHelp``, the `:` prompt, the playback keys,
    /// then the state's own.
    mutating func reducePlayback(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick: tick()
        case .resize(let size): screenSize = size
        case .click(let row, let column): if prompt == nil, !isHelpOpen { click(row: row, column: column) }
        case .wheel(let direction, _, _): if prompt == nil, !isHelpOpen { wheel(direction) }
        case .key(let key):
            notice = nil
            switch QuitAndHelp.route(key, isHelpOpen: &isHelpOpen, isTyping: prompt != nil) {
            case .quit: return .quit
            case .handled: break
            case .prompt: editPrompt(with: key)
            case .app: if let command = PlaybackCommand(key) { perform(command) } else { ownKey(key) }
            }
        }
        return .continue
    }

    /// Does what a playback key says.
    mutating func perform(_ command: PlaybackCommand) {
        switch command {
        case .pauseOrResume: if isFinished { restart() } else { pacing.isPaused.toggle() }
        case .stepForward: stepForward()
        case .stepBack: stepBack()
        case .faster: pacing.changeSpeed(by: 2)
        case .slower: pacing.changeSpeed(by: 0.5)
        case .restart: restart()
        case .start: seek(to: 0)
        case .end: seek(to: totalSteps)
        case .previousFailure:
            seekToMark(
                RunOverview.last(of: failures(readingAhead: false), before: position),
                missing: "no failed allocation before this step")
        case .nextFailure:
            seekToMark(
                RunOverview.first(of: failures(readingAhead: true), after: position),
                missing: "no failed allocation after this step")
        case .previousDefragment:
            seekToMark(
                RunOverview.last(of: defragments(readingAhead: false), before: position),
                missing: "no defragment before this step")
        case .nextDefragment:
            seekToMark(
                RunOverview.first(of: defragments(readingAhead: true), after: position),
                missing: "no defragment after this step")
        case .peakFragmentation: seek(to: peakFragmentationPosition())
        case .goTo: prompt = PromptLine(label: PlaybackCommand.goToLabel)
        case .switchTimelineFigure: timelineFigure = timelineFigure == .used ? .fragmentation : .used
        }
    }

    /// Seeks to a failure or defragment, or stops where it is and says `missing` when there is
    /// none that way.
    mutating func seekToMark(_ position: Int?, missing: String) {
        guard let position else {
            pacing.stop()
            notice = missing
            return
        }
        seek(to: position)
    }

    /// Typing in the `:` prompt; Enter goes to the step, or says why the text is none.
    mutating func editPrompt(with key: Key) {
        guard var line = prompt else { return }
        switch line.edit(with: key) {
        case .cancel:
            prompt = nil
        case .editing:
            prompt = line
        case .confirm:
            switch PlaybackCommand.parseStep(line.text, totalSteps: totalSteps) {
            case .success(let position):
                prompt = nil
                seek(to: position)
            case .failure(let error):
                line.error = error.description
                prompt = line
            }
        }
    }
}
