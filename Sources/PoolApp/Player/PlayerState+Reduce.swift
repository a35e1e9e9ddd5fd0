import MemoryMap

extension PlayerState: Playback {
    /// Applies one event: playback and seek keys, the map's keys, the `:` prompt, clicks on the
    /// timeline and the map, the wheel, resizes, help, quit, ticks.
    public mutating func reduce(_ event: InputEvent) -> AppAction {
        reducePlayback(event)
    }

    /// `e`, or one of the map's keys.
    mutating func ownKey(_ key: Key) {
        switch key {
        case .character("e"):
            toggleExplain()
        case .character("h"), .character("l"):
            // From the block the inspector shows, whether the user picked it or not.
            navigation.selectedOffset = selectedOffset
            _ = navigation.handle(key, pool: shownRunner.pool, layout: layout)
        default:
            _ = navigation.handle(key, pool: shownRunner.pool, layout: layout)
        }
    }

    /// The wheel scrolls a zoomed map.
    mutating func wheel(_ direction: WheelDirection) {
        navigation.scroll(byRows: direction == .up ? -3 : 3, shownRunner.pool, layout)
    }

    /// A click on the timeline seeks there; on the map or the overview bar it selects.
    mutating func click(row: Int, column: Int) {
        let layout = self.layout
        if let position = layout.timelinePosition(
            atRow: row, column: column, of: timeline.timelineModel(figure: timelineFigure))
        {
            seek(to: position)
            return
        }
        navigation.click(row: row, column: column, shownRunner.pool, layout)
    }

    // MARK: Playback

    var position: Int { timeline.position }
    var totalSteps: Int { timeline.totalSteps }

    var readSteps: Int { timeline.overview.scannedSteps }
    var failures: [Int] { timeline.overview.failures }
    var defragments: [Int] { timeline.overview.defragments }
    var peakFragmentationPosition: Int { timeline.overview.peakFragmentationPosition }
}
