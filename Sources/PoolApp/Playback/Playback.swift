import MemoryMap

/// What the player and the comparison share: the playback keys (``PlaybackCommand``), the `:`
/// prompt and seeking to failures and defragments, written once. A conforming state says how it
/// moves (one run, or several bands in lockstep); every key means the same in both.
///
/// A seek never reads the run on the spot: one whose target lies beyond what has been read
/// becomes a ``PendingSeek``, and each tick reads a slice and tries it again, so the screen
/// keeps drawing and keys keep working meanwhile (`q` quits, Esc cancels, another seek
/// replaces it).
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
    /// Where playback stands, for the status line (``statusLine`` adds the notice).
    var playbackLine: String { get }
    /// The timeline's figure (`t` switches it).
    var timelineFigure: TimelineModel.Figure { get set }
    /// The position shown: steps run so far.
    var position: Int { get }
    /// The steps of the whole run.
    var totalSteps: Int { get }
    /// Whether every step has been run and shown.
    var isFinished: Bool { get }
    /// The seek waiting for the run to be read far enough, if any.
    var pendingSeek: PendingSeek? { get set }
    /// Steps read ahead in every timeline.
    var readSteps: Int { get }

    /// `n`/`→`: runs up to and including the next pool operation, paused.
    mutating func stepForward()
    /// `b`/`←`: undoes the last pool operation shown, paused.
    mutating func stepBack()
    /// `g`: back to the start, playing.
    mutating func restart()
    /// Goes to `position` (read already), paused.
    mutating func move(to position: Int)
    /// One tick of the playback clock.
    mutating func tick()
    /// A click outside the help and the prompt (on the timeline, it seeks).
    mutating func click(row: Int, column: Int)
    /// A wheel step outside the help and the prompt.
    mutating func wheel(_ direction: WheelDirection)
    /// A key that is no playback key, outside the help and the prompt.
    mutating func ownKey(_ key: Key)
    /// Positions after a failed allocation read so far, in order.
    var failures: [Int] { get }
    /// Positions after a defragment read so far, in order.
    var defragments: [Int] { get }
    /// The position of the highest fragmentation read so far.
    var peakFragmentationPosition: Int { get }
}

extension Playback {
    /// The status line: the notice, if a key just left one, then where playback stands.
    var statusLine: String {
        notice.map { "\($0) · \(playbackLine)" } ?? playbackLine
    }

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
            case .app:
                if key == .escape, pendingSeek != nil {
                    pendingSeek = nil
                } else if let command = PlaybackCommand(key) {
                    perform(command)
                } else {
                    ownKey(key)
                }
            }
        }
        return .continue
    }

    /// Does what a playback key says. A key that moves playback cancels a pending seek.
    mutating func perform(_ command: PlaybackCommand) {
        switch command {
        case .faster, .slower, .goTo, .switchTimelineFigure: break
        default: pendingSeek = nil
        }
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
                RunOverview.last(of: failures, before: position), missing: "no failed allocation before this step")
        case .nextFailure: seek(.nextFailure)
        case .previousDefragment:
            seekToMark(RunOverview.last(of: defragments, before: position), missing: "no defragment before this step")
        case .nextDefragment: seek(.nextDefragment)
        case .peakFragmentation: seek(.peakFragmentation)
        case .goTo: prompt = PromptLine(label: PlaybackCommand.goToLabel)
        case .switchTimelineFigure: timelineFigure = timelineFigure == .used ? .fragmentation : .used
        }
    }

    /// Goes to `position` (clamped to the run) at once when it has been read, else as soon as it
    /// is (see ``continuePendingSeek()``).
    mutating func seek(to position: Int) {
        seek(.position(min(max(0, position), totalSteps)))
    }

    /// Goes where `pending` says as soon as the run has been read far enough to know; meanwhile
    /// playback stops.
    mutating func seek(_ pending: PendingSeek) {
        pendingSeek = pending
        continuePendingSeek()
        if pendingSeek != nil { pacing.stop() }
    }

    /// Performs the pending seek when the run has been read far enough; each tick calls it after
    /// reading.
    mutating func continuePendingSeek() {
        guard let pending = pendingSeek else { return }
        switch resolve(pending) {
        case .wait: break
        case .none:
            pendingSeek = nil
            pacing.stop()
            notice = pending.nothingThatWay
        case .go(let target):
            pendingSeek = nil
            move(to: target)
        }
    }

    /// Whether `pending` can be performed with what has been read, and where it goes.
    func resolve(_ pending: PendingSeek) -> PendingSeek.Resolution {
        let isRead = readSteps >= totalSteps
        // A mark is known when every timeline has been read as far as it.
        func next(in marks: [Int]) -> PendingSeek.Resolution {
            if let mark = RunOverview.first(of: marks, after: position), mark <= readSteps { return .go(mark) }
            return isRead ? .none : .wait
        }
        switch pending {
        case .position(let target): return target <= readSteps ? .go(target) : .wait
        case .nextFailure: return next(in: failures)
        case .nextDefragment: return next(in: defragments)
        case .peakFragmentation: return isRead ? .go(peakFragmentationPosition) : .wait
        }
    }

    /// How far a pending seek has come, for the status line; empty without one.
    var pendingSeekText: String {
        pendingSeek?.progressText(read: readSteps, totalSteps: totalSteps) ?? ""
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
