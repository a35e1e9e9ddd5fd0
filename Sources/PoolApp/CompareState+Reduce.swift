import MemoryMap

extension CompareState: Playback {
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
            switch QuitAndHelp.route(key, isHelpOpen: &isHelpOpen, isTyping: prompt != nil) {
            case .quit: return .quit
            case .handled: break
            case .prompt: editPrompt(with: key)
            case .app: if let command = PlaybackCommand(key) { perform(command) }
            }
        }
        return .continue
    }

    var totalSteps: Int { bands[0].timeline.totalSteps }
}
