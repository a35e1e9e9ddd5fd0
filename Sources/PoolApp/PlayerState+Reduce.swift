import MemoryMap
import PoolScript
import PoolText

extension PlayerState {
    /// Applies one event: playback and seek keys, the map's keys, the `:` prompt, clicks on the
    /// timeline and the map, the wheel, resizes, help, quit, ticks.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            tick()
        case .resize(let size):
            screenSize = size
        case .click(let row, let column):
            guard prompt == nil, !isHelpOpen else { break }
            click(row: row, column: column)
        case .wheel(let direction, _, _):
            guard prompt == nil, !isHelpOpen else { break }
            navigation.scroll(byRows: direction == .up ? -3 : 3, timeline.current.pool, layout)
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
            switch key {
            case .character("q"): return .quit
            default: isHelpOpen = false  // any key closes the help
            }
            return .continue
        }
        if let command = PlaybackCommand(key) { return perform(command) }
        switch key {
        case .character("e"):
            toggleExplain()
        case .character("h"), .character("l"):
            // From the block the inspector shows, whether the user picked it or not.
            navigation.selectedOffset = selectedOffset
            _ = navigation.handle(key, pool: timeline.current.pool, layout: layout)
        default:
            _ = navigation.handle(key, pool: timeline.current.pool, layout: layout)
        }
        return .continue
    }

    private mutating func perform(_ command: PlaybackCommand) -> AppAction {
        let overview = timeline.overview
        switch command {
        case .quit: return .quit
        case .help: isHelpOpen = true
        case .pauseOrResume: if timeline.isAtEnd { restart() } else { isPaused.toggle() }
        case .stepForward: stepForward()
        case .stepBack: stepBack()
        case .faster: changeSpeed(by: 2)
        case .slower: changeSpeed(by: 0.5)
        case .restart: restart()
        case .start: seek(to: 0)
        case .end: seek(to: timeline.totalSteps)
        case .previousFailure: seekToMark(RunOverview.last(of: overview.failures, before: timeline.position))
        case .nextFailure: seekToMark(RunOverview.first(of: readAhead(\.failures), after: timeline.position))
        case .previousDefragment: seekToMark(RunOverview.last(of: overview.defragments, before: timeline.position))
        case .nextDefragment: seekToMark(RunOverview.first(of: readAhead(\.defragments), after: timeline.position))
        case .peakFragmentation:
            timeline.scan(through: timeline.totalSteps)
            seek(to: timeline.overview.peakFragmentationPosition)
        case .goTo: prompt = PromptLine(label: PlaybackCommand.goToLabel)
        case .switchTimelineFigure: timelineFigure = timelineFigure == .used ? .fragmentation : .used
        }
        return .continue
    }

    /// `]` and `}` look past what has been read so far: reads on to the end first.
    private mutating func readAhead(_ marks: KeyPath<RunOverview, [Int]>) -> [Int] {
        if RunOverview.first(of: timeline.overview[keyPath: marks], after: timeline.position) == nil {
            timeline.scan(through: timeline.totalSteps)
        }
        return timeline.overview[keyPath: marks]
    }

    /// Seeks to a failure or defragment, or stays (paused) when there is none that way.
    private mutating func seekToMark(_ position: Int?) {
        guard let position else {
            isPaused = true
            return
        }
        seek(to: position)
    }

    /// A click on the timeline seeks there; on the map or the overview bar it selects.
    private mutating func click(row: Int, column: Int) {
        let layout = self.layout
        if let position = layout.timelinePosition(
            atRow: row, column: column, of: timeline.timelineModel(figure: timelineFigure))
        {
            seek(to: position)
            return
        }
        navigation.click(row: row, column: column, timeline.current.pool, layout)
    }

    /// Typing in the `:` prompt; Enter goes to the step.
    private mutating func editPrompt(with key: Key) {
        guard var line = prompt else { return }
        switch line.edit(with: key) {
        case .cancel:
            prompt = nil
        case .editing:
            prompt = line
        case .confirm:
            switch Self.parseStep(line.text, totalSteps: timeline.totalSteps) {
            case .success(let position):
                prompt = nil
                seek(to: position)
            case .failure(let error):
                line.error = error.description
                prompt = line
            }
        }
    }

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
