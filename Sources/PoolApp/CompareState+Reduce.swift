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
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("?"), .function(1): isHelpOpen = true
        case .character(" "):
            if isFinished { restart() } else { pacing.isPaused.toggle() }
        case .character("n"), .right: stepForward()
        case .character("b"), .left: stepBack()
        case .character(">"), .character("."): pacing.changeSpeed(by: 2)
        case .character("<"), .character(","): pacing.changeSpeed(by: 0.5)
        case .character("g"): restart()
        case .home: seek(to: 0)
        case .end: seek(to: bands[0].timeline.totalSteps)
        case .character("["): seekToMark(RunOverview.last(of: failures(readingAhead: false), before: position))
        case .character("]"): seekToMark(RunOverview.first(of: failures(readingAhead: true), after: position))
        case .character("{"): seekToMark(RunOverview.last(of: defragments(readingAhead: false), before: position))
        case .character("}"): seekToMark(RunOverview.first(of: defragments(readingAhead: true), after: position))
        case .character("m"): seek(to: peakFragmentationPosition())
        case .character(":"): prompt = PromptLine(label: "go to step (e.g. 12345 or 50%)")
        case .character("t"): timelineFigure = timelineFigure == .used ? .fragmentation : .used
        default: break
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
