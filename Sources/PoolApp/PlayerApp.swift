import MemoryMap

/// The player as an ``InteractiveApp``: ``PlayerState`` drawn by the `MemoryMap` renderer.
public struct PlayerApp: RecordableApp {
    public private(set) var state: PlayerState

    public init(state: PlayerState) {
        self.state = state
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        state.reduce(event)
    }

    public func view(width: Int, height: Int) -> Grid {
        ScreenRenderer.render(state.screenModel, width: width, height: height)
    }

    /// Ticks while playing or animating; a paused, still player waits for keys.
    public var tickInterval: Duration? {
        state.wantsTicks ? PlayerState.tickInterval : nil
    }

    /// The playback clock: ticks so far × the tick interval.
    public var recordingSeconds: Double { state.playbackSeconds }

    /// The `say` captions reached by playing forward.
    public var recordingMarks: [CastMark] { state.captionMarks }
}
