import MemoryMap
import PoolScript

extension CompareState {
    /// Applies one event: the player's playback and seek keys, on every band at once; clicks on
    /// the timeline; the `:` prompt; help and quit; ticks.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            tick()
        case .resize(let size):
            screenSize = size
        case .click(let row, let column):
            guard prompt == nil, !isHelpOpen else { break }
            let model = screenModel
            let layout = ScreenRenderer.comparisonLayout(model, width: screenSize.width, height: screenSize.height)
            if let timeline = model.timeline,
                let target = layout.timelinePosition(atRow: row, column: column, of: timeline)
            {
                seek(to: target)
            }
        case .wheel:
            break
        case .key(let key):
            if prompt != nil {
                editPrompt(with: key)
                return .continue
            }
            return press(key)
        }
        return .continue
    }

    private mutating func press(_ key: Key) -> AppAction {
        if isHelpOpen {
            if key == .character("q") { return .quit }
            isHelpOpen = false  // any key closes the help
            return .continue
        }
        guard let command = PlaybackCommand(key) else { return .continue }
        switch command {
        case .quit: return .quit
        case .help: isHelpOpen = true
        case .pauseOrResume: if isFinished { restart() } else { pacing.isPaused.toggle() }
        case .stepForward: stepForward()
        case .stepBack: stepBack()
        case .faster: pacing.changeSpeed(by: 2)
        case .slower: pacing.changeSpeed(by: 0.5)
        case .restart: restart()
        case .start: seek(to: 0)
        case .end: seek(to: bands[0].timeline.totalSteps)
        case .previousFailure: seekToMark(RunOverview.last(of: failures(readingAhead: false), before: position))
        case .nextFailure: seekToMark(RunOverview.first(of: failures(readingAhead: true), after: position))
        case .previousDefragment: seekToMark(RunOverview.last(of: defragments(readingAhead: false), before: position))
        case .nextDefragment: seekToMark(RunOverview.first(of: defragments(readingAhead: true), after: position))
        case .peakFragmentation: seek(to: peakFragmentationPosition())
        case .goTo: prompt = PromptLine(label: PlaybackCommand.goToLabel)
        case .switchTimelineFigure: timelineFigure = timelineFigure == .used ? .fragmentation : .used
        }
        return .continue
    }

    private mutating func seekToMark(_ position: Int?) {
        guard let position else {
            pacing.stop()
            return
        }
        seek(to: position)
    }

    private mutating func editPrompt(with key: Key) {
        guard var line = prompt else { return }
        switch line.edit(with: key) {
        case .cancel:
            prompt = nil
        case .editing:
            prompt = line
        case .confirm:
            switch PlayerState.parseStep(line.text, totalSteps: bands[0].timeline.totalSteps) {
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
