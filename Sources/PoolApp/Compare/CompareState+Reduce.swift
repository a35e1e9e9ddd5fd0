import MemoryMap

extension CompareState: Playback {
    /// Applies one event: the player's playback and seek keys, on every band at once; clicks on
    /// the timeline; the `:` prompt; help and quit; ticks.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        reducePlayback(event)
    }

    /// A click on the timeline seeks there.
    mutating func click(row: Int, column: Int) {
        let model = screenModel
        let layout = ScreenRenderer.comparisonLayout(model, width: screenSize.width, height: screenSize.height)
        if let timeline = model.timeline, let target = layout.timelinePosition(atRow: row, column: column, of: timeline)
        {
            seek(to: target)
        }
    }

    /// The bands have no map to scroll.
    func wheel(_ direction: WheelDirection) {}

    /// The comparison has no keys but the playback keys.
    func ownKey(_ key: Key) {}

    var totalSteps: Int { bands[0].timeline.totalSteps }
}
