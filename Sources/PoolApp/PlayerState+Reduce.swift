import MemoryMap

extension PlayerState: Playback {
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
            switch QuitAndHelp.route(key, isHelpOpen: &isHelpOpen, isTyping: prompt != nil) {
            case .quit: return .quit
            case .handled: break
            case .prompt: editPrompt(with: key)
            case .app: press(key)
            }
        }
        return .continue
    }

    /// A key of the player's own: a playback key, `e`, or one of the map's.
    private mutating func press(_ key: Key) {
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

    // MARK: Playback

    var position: Int { timeline.position }
    var totalSteps: Int { timeline.totalSteps }

    /// Looking back, the failures read so far; looking forward, `]` reads on to the end first
    /// only when none is known after the position yet.
    mutating func failures(readingAhead: Bool) -> [Int] {
        readingAhead ? readAhead(\.failures) : timeline.overview.failures
    }

    mutating func defragments(readingAhead: Bool) -> [Int] {
        readingAhead ? readAhead(\.defragments) : timeline.overview.defragments
    }

    mutating func peakFragmentationPosition() -> Int {
        timeline.scan(through: timeline.totalSteps)
        return timeline.overview.peakFragmentationPosition
    }

    /// The marks `marks` names, read on to the end first when none is known past the position.
    private mutating func readAhead(_ marks: KeyPath<RunOverview, [Int]>) -> [Int] {
        if RunOverview.first(of: timeline.overview[keyPath: marks], after: timeline.position) == nil {
            timeline.scan(through: timeline.totalSteps)
        }
        return timeline.overview[keyPath: marks]
    }
}
