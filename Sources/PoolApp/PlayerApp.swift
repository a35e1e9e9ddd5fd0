import MemoryMap

/// The player as an ``InteractiveApp``: ``PlayerState`` drawn by the `MemoryMap` renderer.
/// With a ``CastRecorder`` every frame drawn and every caption reached is recorded too.
public struct PlayerApp: InteractiveApp {
    public private(set) var state: PlayerState
    /// Where frames go when recording (`--record`).
    public let recorder: CastRecorder?

    public init(state: PlayerState, recorder: CastRecorder? = nil) {
        self.state = state
        self.recorder = recorder
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        let marks = state.captionMarks.count
        let action = state.reduce(event)
        if let recorder {
            for mark in state.captionMarks[marks...] {
                recorder.mark(mark.caption, at: Double(mark.tick) * PlayerState.tickSeconds)
            }
        }
        return action
    }

    public func view(width: Int, height: Int) -> Grid {
        let grid = ScreenRenderer.render(state.screenModel, width: width, height: height)
        // Recording is the one side effect of drawing: the recorder keeps the frames shown.
        recorder?.frame(grid, at: state.playbackSeconds)
        return grid
    }

    /// Ticks while playing or animating; a paused, still player waits for keys.
    public var tickInterval: Duration? {
        state.wantsTicks ? PlayerState.tickInterval : nil
    }
}
